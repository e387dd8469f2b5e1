using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.PostProcessors;

/// <summary>
/// Applies post-processors one after another, each to the list of encodings the previous one returned (Llama 3:
/// ByteLevel's offset trimming, then a template).
/// </summary>
internal sealed class SequencePostProcessor(IReadOnlyList<IPostProcessor> processors) : IPostProcessor
{
    public IReadOnlyList<IPostProcessor> Processors { get; } = processors;

    /// <summary>Reads <c>{"type": "Sequence", "processors": [...]}</c>: the type is required.</summary>
    public static SequencePostProcessor FromJson(JsonObject json)
    {
        json.RequireType("Sequence");
        return new(json.Objects("processors", PostProcessorJson.Read));
    }

    public int AddedTokens(bool isPair) => Processors.Sum(p => p.AddedTokens(isPair));

    public List<TokenEncoding> ProcessEncodings(List<TokenEncoding> encodings, bool addSpecialTokens)
    {
        foreach (IPostProcessor processor in Processors)
            encodings = processor.ProcessEncodings(encodings, addSpecialTokens);
        return encodings;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("processors");
        foreach (IPostProcessor processor in Processors)
            processor.WriteJson(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
