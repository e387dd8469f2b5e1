using System.Text.Json;
using Tessera.PreTokenizers.Regex;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Removes combining marks, General_Category M in Unicode 9.0.0 (Hugging Face's <c>StripAccents</c>, the crate
/// unicode-normalization-alignments' <c>is_combining_mark</c>). It does not decompose: put NFD or NFKD before it.
/// </summary>
internal sealed class StripAccentsNormalizer : INormalizer
{
    public void Normalize(NormalizedString text) => Remove(text, UnicodeData.Instance.Marks);

    /// <summary>Removes the code points of <paramref name="marks"/> (also BertNormalizer's strip_accents).</summary>
    public static void Remove(NormalizedString text, CodePointSet marks)
    {
        ReadOnlySpan<byte> normalized = text.Normalized;
        if (UnicodeNormalization.IsTrivial(normalized))
            return;
        var changes = new ChangeList(normalized.Length);
        for (int i = 0; i < normalized.Length;)
        {
            int c = Utf8Chars.Decode(normalized, i, out int length);
            i += length;
            if (marks.Contains(c))
                changes.Remove();
            else
                changes.Keep(c, c);
        }
        changes.ApplyTo(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "StripAccents");
        writer.WriteEndObject();
    }
}
