using Tessera.Normalizers;

namespace Tessera.Formats.HuggingFace;

/// <summary>Reads tokenizer.json's <c>"normalizer"</c> objects by their <c>"type"</c>.</summary>
internal static class NormalizerJson
{
    private static readonly Dictionary<string, Func<JsonObject, INormalizer>> s_readers = new()
    {
        ["Sequence"] = json => new SequenceNormalizer([.. json.Objects("normalizers").Select(Read)]),
        ["Replace"] = ReplaceNormalizer.FromJson,
        ["Prepend"] = json => new PrependNormalizer(json.String("prepend")),
        ["Precompiled"] = PrecompiledNormalizer.FromJson,
    };

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order();

    public static INormalizer Read(JsonObject json) =>
        json.Type is { } type && s_readers.TryGetValue(type, out var read) ? read(json) : throw json.Unsupported("normalizer", json.Type, Types);
}
