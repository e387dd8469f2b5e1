using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>Rewrites text before it is split (Hugging Face's <c>Normalizer</c>), keeping alignments. Immutable.</summary>
internal interface INormalizer
{
    /// <summary>Normalizes <paramref name="text"/> in place.</summary>
    void Normalize(NormalizedString text);

    /// <summary>Writes the normalizer as a tokenizer.json object (with its <c>"type"</c>).</summary>
    void WriteJson(Utf8JsonWriter writer);
}
