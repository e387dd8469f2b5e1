using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Lowercases each code point as Rust's <c>char::to_lowercase</c> does (Hugging Face's <c>Lowercase</c>): full mappings
/// ('İ' becomes "i̇", the second code point inserted with the first one's alignment), no final-sigma rule, Unicode
/// 17.0.0 (<see cref="UnicodeData"/>).
/// </summary>
internal sealed class LowercaseNormalizer : INormalizer
{
    public void Normalize(NormalizedString text) => Apply(text);

    /// <summary>Lowercases <paramref name="text"/> (also BertNormalizer's last step).</summary>
    public static void Apply(NormalizedString text)
    {
        ReadOnlySpan<byte> normalized = text.Normalized;
        if (!HasNonAsciiOrUpper(normalized))
            return;
        UnicodeData data = UnicodeData.Instance;
        var changes = new ChangeList(normalized.Length);
        for (int i = 0; i < normalized.Length;)
        {
            int c = Utf8Chars.Decode(normalized, i, out int length);
            i += length;
            int lower = data.SimpleLowercase(c);
            if (lower >= 0)
            {
                changes.Keep(c, lower);
                continue;
            }
            int[] expansion = data.LowercaseExpansion(c);
            changes.Keep(c, expansion[0]);
            for (int k = 1; k < expansion.Length; k++)
                changes.Insert(expansion[k]);
        }
        changes.ApplyTo(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Lowercase");
        writer.WriteEndObject();
    }

    private static bool HasNonAsciiOrUpper(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
            if (b >= 0x80 || b - 'A' is >= 0 and <= 'Z' - 'A')
                return true;
        return false;
    }
}
