using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>Splits on one character, which is dropped (Hugging Face's <c>CharDelimiterSplit</c>).</summary>
internal sealed class CharDelimiterSplitPreTokenizer(Rune delimiter) : IPreTokenizer
{
    private readonly Pattern _pattern = Pattern.CodePoints(c => c == delimiter.Value);

    public Rune Delimiter => delimiter;

    public static CharDelimiterSplitPreTokenizer FromJson(JsonObject json) => new(json.Char("delimiter"));

    public void PreTokenize(PreTokenizedString text) => text.Split((_, piece) => piece.Split(_pattern, SplitBehavior.Removed));

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "CharDelimiterSplit");
        writer.WriteString("delimiter", delimiter.ToString());
        writer.WriteEndObject();
    }
}
