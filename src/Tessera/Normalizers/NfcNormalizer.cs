using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Unicode normalization form C (NFC): canonical decomposition followed by canonical composition (Hugging Face's
/// <c>NFC</c>), with the Unicode 9.0.0 data and the alignments of the crate unicode-normalization-alignments
/// (docs/algorithms/normalization.md).
/// </summary>
internal sealed class NfcNormalizer : INormalizer
{
    public void Normalize(NormalizedString text)
    {
        if (!UnicodeNormalization.IsUnchanged(text.Normalized, composing: true, compatibility: false))
            text.Transform(UnicodeNormalization.Compose(text.CodePoints(), compatibility: false), 0);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "NFC");
        writer.WriteEndObject();
    }
}
