using System.Text.Json;

namespace Tessera.Decoders;

/// <summary>Joins all tokens into one string, so decoders after it see the whole text.</summary>
internal sealed class FuseDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Fuse");
        writer.WriteEndObject();
    }
}
