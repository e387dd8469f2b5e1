using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.PreTokenizers.Regex;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>
/// Keeps the matches of <c>\w+|[^\w\s]+</c> (runs of word characters, runs of other non-space characters) and drops
/// the rest. Hugging Face runs this pattern with Rust's <c>regex</c> crate, so <c>\w</c> is Rust's (not Oniguruma's).
/// </summary>
internal sealed class WhitespacePreTokenizer : IPreTokenizer
{
    private static readonly Lazy<Pattern> s_words = new(() => Pattern.Regex(@"\w+|[^\w\s]+", RegexDialect.Rust));

    public static WhitespacePreTokenizer FromJson(JsonObject json) => new();

    public void PreTokenize(PreTokenizedString text) =>
        text.Split((_, piece) => piece.Split(s_words.Value, SplitBehavior.Removed, invert: true));

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Whitespace");
        writer.WriteEndObject();
    }
}
