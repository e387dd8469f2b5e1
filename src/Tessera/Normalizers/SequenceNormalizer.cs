using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>Applies normalizers one after another.</summary>
internal sealed class SequenceNormalizer(IReadOnlyList<INormalizer> normalizers) : INormalizer
{
    public IReadOnlyList<INormalizer> Normalizers { get; } = normalizers;

    public void Normalize(NormalizedString text)
    {
        foreach (INormalizer normalizer in Normalizers)
            normalizer.Normalize(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("normalizers");
        foreach (INormalizer normalizer in Normalizers)
            normalizer.WriteJson(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
