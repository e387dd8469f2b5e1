using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Unicode normalization form D (NFD): canonical decomposition (Hugging Face's <c>NFD</c>), with the Unicode 9.0.0 data
/// and the alignments of the crate unicode-normalization-alignments (docs/algorithms/normalization.md).
/// </summary>
internal sealed class NfdNormalizer : INormalizer
{
    public void Normalize(NormalizedString text)
    {
        if (!UnicodeNormalization.IsUnchanged(text.Normalized, composing: false, compatibility: false))
            text.Transform(UnicodeNormalization.Decompose(text.CodePoints(), compatibility: false), 0);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "NFD");
        writer.WriteEndObject();
    }
}
