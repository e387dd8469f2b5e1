using Tessera.PreTokenizers;

namespace Tessera.Formats.HuggingFace;

/// <summary>Reads tokenizer.json's <c>"pre_tokenizer"</c> objects by their <c>"type"</c>.</summary>
internal static class PreTokenizerJson
{
    private static readonly Dictionary<string, Func<JsonObject, IPreTokenizer>> s_readers = new()
    {
        ["Sequence"] = json => new SequencePreTokenizer([.. json.Objects("pretokenizers").Select(Read)]),
        ["Split"] = SplitPreTokenizer.FromJson,
        ["ByteLevel"] = ByteLevelPreTokenizer.FromJson,
    };

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order();

    public static IPreTokenizer Read(JsonObject json) =>
        json.Type is { } type && s_readers.TryGetValue(type, out var read) ? read(json) : throw json.Unsupported("pre-tokenizer", json.Type, Types);
}
