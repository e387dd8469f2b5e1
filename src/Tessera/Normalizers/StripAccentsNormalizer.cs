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
    public void Normalize(NormalizedString text)
    {
        if (UnicodeNormalization.IsTrivial(text.Normalized))
            return;
        CodePointSet marks = UnicodeData.Instance.Marks;
        text.Filter(c => !marks.Contains(c));
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "StripAccents");
        writer.WriteEndObject();
    }
}
