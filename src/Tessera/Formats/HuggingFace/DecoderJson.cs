using Tessera.Decoders;

namespace Tessera.Formats.HuggingFace;

/// <summary>Reads tokenizer.json's <c>"decoder"</c> objects by their <c>"type"</c>.</summary>
internal static class DecoderJson
{
    private static readonly Dictionary<string, Func<JsonObject, IDecoder>> s_readers = new()
    {
    };

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order();

    public static IDecoder Read(JsonObject json) =>
        json.Type is { } type && s_readers.TryGetValue(type, out var read) ? read(json) : throw json.Unsupported("decoder", json.Type, Types);
}
