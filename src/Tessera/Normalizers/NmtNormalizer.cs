using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// The normalization of SentencePiece's <c>nmt_nfkc</c> rules without the NFKC part (Hugging Face's <c>Nmt</c>):
/// removes the ASCII controls U+0001..U+0008, U+000B, U+000E..U+001F, U+007F, U+008F and U+009F, then turns tab, line
/// feed, form feed, carriage return, U+1680, U+200B..U+200F, U+2028, U+2029, U+2581, U+FEFF and U+FFFD into spaces.
/// </summary>
internal sealed class NmtNormalizer : INormalizer
{
    public void Normalize(NormalizedString text)
    {
        ReadOnlySpan<byte> normalized = text.Normalized;
        var changes = new ChangeList(normalized.Length);
        for (int i = 0; i < normalized.Length;)
        {
            int c = Utf8Chars.Decode(normalized, i, out int length);
            i += length;
            if (IsRemoved(c))
                changes.Remove();
            else
                changes.Keep(c, IsSpace(c) ? ' ' : c);
        }
        changes.ApplyTo(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Nmt");
        writer.WriteEndObject();
    }

    private static bool IsRemoved(int c) => c is (>= 0x01 and <= 0x08) or 0x0B or (>= 0x0E and <= 0x1F) or 0x7F or 0x8F or 0x9F;

    private static bool IsSpace(int c) =>
        c is 0x09 or 0x0A or 0x0C or 0x0D or 0x1680 or (>= 0x200B and <= 0x200F) or 0x2028 or 0x2029 or 0x2581 or 0xFEFF or 0xFFFD;
}
