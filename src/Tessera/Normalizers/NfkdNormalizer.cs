using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Unicode normalization form KD (NFKD): compatibility decomposition (Hugging Face's <c>NFKD</c>), with the Unicode
/// 9.0.0 data and the alignments of the crate unicode-normalization-alignments (docs/algorithms/normalization.md).
/// </summary>
internal sealed class NfkdNormalizer : INormalizer
{
    public void Normalize(NormalizedString text)
    {
        if (!UnicodeNormalization.IsUnchanged(text.Normalized, composing: false, compatibility: true))
            text.Transform(UnicodeNormalization.Decompose(text.CodePoints(), compatibility: true), 0);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "NFKD");
        writer.WriteEndObject();
    }
}
