using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>Splits on white space (Rust's <c>char::is_whitespace</c>), which is dropped.</summary>
internal sealed class WhitespaceSplitPreTokenizer : IPreTokenizer
{
    private static readonly Pattern s_whitespace = Pattern.CodePoints(HuggingFaceChars.IsWhitespace);

    public static WhitespaceSplitPreTokenizer FromJson(JsonObject json) => new();

    public void PreTokenize(PreTokenizedString text) => text.Split((_, piece) => piece.Split(s_whitespace, SplitBehavior.Removed));

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "WhitespaceSplit");
        writer.WriteEndObject();
    }
}
