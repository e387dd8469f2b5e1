using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>
/// Separates numeric characters (Rust's <c>char::is_numeric</c>: Nd, Nl, No) from the rest: each one a piece of its own
/// with <c>individual_digits</c>, else runs of them (Contiguous).
/// </summary>
internal sealed class DigitsPreTokenizer(bool individualDigits) : IPreTokenizer
{
    private static readonly Pattern s_numeric = Pattern.CodePoints(HuggingFaceChars.IsNumeric);

    public bool IndividualDigits => individualDigits;

    public static DigitsPreTokenizer FromJson(JsonObject json) => new(json.RequiredBool("individual_digits"));

    public void PreTokenize(PreTokenizedString text) =>
        text.Split((_, piece) => piece.Split(s_numeric, individualDigits ? SplitBehavior.Isolated : SplitBehavior.Contiguous));

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Digits");
        writer.WriteBoolean("individual_digits", individualDigits);
        writer.WriteEndObject();
    }
}
