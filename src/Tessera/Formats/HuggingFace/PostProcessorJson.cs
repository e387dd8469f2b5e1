using Tessera.PostProcessors;

namespace Tessera.Formats.HuggingFace;

/// <summary>Reads tokenizer.json's <c>"post_processor"</c> objects by their <c>"type"</c>.</summary>
internal static class PostProcessorJson
{
    private static readonly Dictionary<string, Func<JsonObject, IPostProcessor>> s_readers = new()
    {
    };

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order();

    public static IPostProcessor Read(JsonObject json) =>
        json.Type is { } type && s_readers.TryGetValue(type, out var read) ? read(json) : throw json.Unsupported("post-processor", json.Type, Types);
}
