using System.Text.Json;

namespace Tessera.Decoders;

/// <summary>Applies decoders one after another, each to the list of strings the previous one produced.</summary>
internal sealed class SequenceDecoder(IReadOnlyList<IDecoder> decoders) : IDecoder
{
    public IReadOnlyList<IDecoder> Decoders { get; } = decoders;

    public List<string> DecodeChain(List<string> tokens)
    {
        foreach (IDecoder decoder in Decoders)
            tokens = decoder.DecodeChain(tokens);
        return tokens;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("decoders");
        foreach (IDecoder decoder in Decoders)
            decoder.WriteJson(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
