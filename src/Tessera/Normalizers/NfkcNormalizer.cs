using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Unicode normalization form KC (NFKC): compatibility decomposition followed by canonical composition (Hugging Face's
/// <c>NFKC</c>), with the Unicode 9.0.0 data and the alignments of the crate unicode-normalization-alignments
/// (docs/algorithms/normalization.md).
/// </summary>
internal sealed class NfkcNormalizer : INormalizer
{
    public void Normalize(NormalizedString text)
    {
        if (!UnicodeNormalization.IsUnchanged(text.Normalized, composing: true, compatibility: true))
            text.Transform(UnicodeNormalization.Compose(text.CodePoints(), compatibility: true), 0);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "NFKC");
        writer.WriteEndObject();
    }
}
