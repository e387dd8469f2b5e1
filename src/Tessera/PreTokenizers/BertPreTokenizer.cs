using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>
/// BERT's pre-tokenizer: splits on white space (dropped), then isolates every punctuation character
/// (<see cref="HuggingFaceChars.IsPunctuation"/>: ASCII punctuation or Unicode 8.0 punctuation).
/// </summary>
internal sealed class BertPreTokenizer : IPreTokenizer
{
    private static readonly Pattern s_whitespace = Pattern.CodePoints(HuggingFaceChars.IsWhitespace);
    private static readonly Pattern s_punctuation = Pattern.CodePoints(HuggingFaceChars.IsPunctuation);

    public static BertPreTokenizer FromJson(JsonObject json) => new();

    public void PreTokenize(PreTokenizedString text)
    {
        text.Split((_, piece) => piece.Split(s_whitespace, SplitBehavior.Removed));
        text.Split((_, piece) => piece.Split(s_punctuation, SplitBehavior.Isolated));
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "BertPreTokenizer");
        writer.WriteEndObject();
    }
}
