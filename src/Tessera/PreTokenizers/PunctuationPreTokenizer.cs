using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>
/// Splits on each punctuation character (<see cref="HuggingFaceChars.IsPunctuation"/>), one match per character,
/// handled as <see cref="Behavior"/> says (Isolated by default).
/// </summary>
internal sealed class PunctuationPreTokenizer(SplitBehavior behavior) : IPreTokenizer
{
    private static readonly Pattern s_punctuation = Pattern.CodePoints(HuggingFaceChars.IsPunctuation);

    public SplitBehavior Behavior => behavior;

    public static PunctuationPreTokenizer FromJson(JsonObject json)
    {
        json.RejectNull("behavior");
        return new(json.Has("behavior") ? SplitBehaviorJson.Read(json, "behavior") : SplitBehavior.Isolated);
    }

    public void PreTokenize(PreTokenizedString text) => text.Split((_, piece) => piece.Split(s_punctuation, behavior));

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Punctuation");
        writer.WriteString("behavior", behavior.ToString());
        writer.WriteEndObject();
    }
}
