using Tessera.PreTokenizers;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads tokenizer.json's <c>"pre_tokenizer"</c> objects by their <c>"type"</c>. Hugging Face (0.23) accepts no
/// untagged pre-tokenizer object; its legacy forms are legacy fields (Metaspace's <c>add_prefix_space</c> and
/// <c>str_rep</c>, ByteLevel without <c>use_regex</c>), which the readers accept.
/// </summary>
internal static class PreTokenizerJson
{
    private static readonly Dictionary<string, Func<JsonObject, IPreTokenizer>> s_readers = new()
    {
        ["Sequence"] = json => new SequencePreTokenizer(json.Objects("pretokenizers", Read)),
        ["Split"] = SplitPreTokenizer.FromJson,
        ["ByteLevel"] = ByteLevelPreTokenizer.FromJson,
        ["BertPreTokenizer"] = BertPreTokenizer.FromJson,
        ["CharDelimiterSplit"] = CharDelimiterSplitPreTokenizer.FromJson,
        ["Metaspace"] = MetaspacePreTokenizer.FromJson,
        ["Whitespace"] = WhitespacePreTokenizer.FromJson,
        ["WhitespaceSplit"] = WhitespaceSplitPreTokenizer.FromJson,
        ["Punctuation"] = PunctuationPreTokenizer.FromJson,
        ["Digits"] = DigitsPreTokenizer.FromJson,
        ["UnicodeScripts"] = UnicodeScriptsPreTokenizer.FromJson,
        ["FixedLength"] = FixedLengthPreTokenizer.FromJson,
    };

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order();

    public static IPreTokenizer Read(JsonObject json)
    {
        string? type = json.Type;
        if (type is not null && s_readers.TryGetValue(type, out var read))
            return read(json);
        // Hugging Face's own variant name for CharDelimiterSplit, which its loader nevertheless rejects.
        if (type == "Delimiter")
            throw json.ErrorAt("type", "unknown variant 'Delimiter' (Hugging Face writes and reads this pre-tokenizer as \"CharDelimiterSplit\")");
        throw json.Unsupported("pre-tokenizer", type, Types);
    }
}
