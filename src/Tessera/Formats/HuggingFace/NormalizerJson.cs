using Tessera.Formats.Json;
using Tessera.Normalizers;

namespace Tessera.Formats.HuggingFace;

/// <summary>Reads tokenizer.json's <c>"normalizer"</c> objects by their <c>"type"</c>, or by their fields when untagged.</summary>
internal static class NormalizerJson
{
    private static readonly Dictionary<string, Func<JsonObject, INormalizer>> s_readers = new()
    {
        // Hugging Face writes "BertNormalizer" but its tag for the type is "Bert"; both load.
        ["BertNormalizer"] = BertNormalizer.FromJson,
        ["Bert"] = BertNormalizer.FromJson,
        ["Strip"] = StripNormalizer.FromJson,
        ["StripAccents"] = _ => new StripAccentsNormalizer(),
        ["NFC"] = _ => new NfcNormalizer(),
        ["NFD"] = _ => new NfdNormalizer(),
        ["NFKC"] = _ => new NfkcNormalizer(),
        ["NFKD"] = _ => new NfkdNormalizer(),
        ["Sequence"] = json => new SequenceNormalizer(json.Objects("normalizers", Read)),
        ["Lowercase"] = _ => new LowercaseNormalizer(),
        ["Nmt"] = _ => new NmtNormalizer(),
        ["Replace"] = ReplaceNormalizer.FromJson,
        ["Prepend"] = json => new PrependNormalizer(json.String("prepend")),
        ["ByteLevel"] = _ => new ByteLevelNormalizer(),
        ["Precompiled"] = PrecompiledNormalizer.FromJson,
    };

    /// <summary>
    /// The forms Hugging Face recognises without a known <c>"type"</c> (older files, or a tag it does not know), by
    /// their fields, tried in its order; the first that reads wins. The unit normalizers (NFC, Lowercase, ...) need
    /// their tag.
    /// </summary>
    private static readonly (string Type, string Field)[] s_untagged =
    [
        ("BertNormalizer", "clean_text"),
        ("Strip", "strip_left"),
        ("Sequence", "normalizers"),
        ("Precompiled", "precompiled_charsmap"),
        ("Replace", "pattern"),
        ("Prepend", "prepend"),
    ];

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order(StringComparer.Ordinal);

    public static INormalizer Read(JsonObject json)
    {
        string? type = json.Element.TryGetProperty("type", out var tag) && tag.ValueKind == JsonKind.String
            ? tag.GetString()
            : null;
        if (type is not null && s_readers.TryGetValue(type, out var read))
            return read(json);
        foreach ((string untaggedType, string field) in s_untagged)
        {
            if (!json.Element.TryGetProperty(field, out _))
                continue;
            try
            {
                return s_readers[untaggedType](json);
            }
            catch (TokenizerFormatException)
            {
                // Not this form: Hugging Face tries the next one.
            }
        }
        throw json.Unsupported("normalizer", type, Types);
    }
}
