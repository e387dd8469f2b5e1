using Tessera.Decoders;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads tokenizer.json's <c>"decoder"</c> objects by their <c>"type"</c>. Without a type, Hugging Face tries the
/// decoders whose fields identify them, in its order: BPEDecoder (<c>suffix</c>), WordPiece (<c>prefix</c>,
/// <c>cleanup</c>), CTC, Replace, Strip; the others must be tagged.
/// </summary>
internal static class DecoderJson
{
    private static readonly Dictionary<string, Func<JsonObject, IDecoder>> s_readers = new()
    {
        ["BPEDecoder"] = BpeDecoder.FromJson,
        ["ByteLevel"] = ByteLevelDecoder.FromJson,
        ["WordPiece"] = WordPieceDecoder.FromJson,
        ["Metaspace"] = MetaspaceDecoder.FromJson,
        ["CTC"] = CtcDecoder.FromJson,
        ["Sequence"] = json => new SequenceDecoder(json.Objects("decoders", Read)),
        ["Replace"] = ReplaceDecoder.FromJson,
        ["Fuse"] = _ => new FuseDecoder(),
        ["Strip"] = StripDecoder.FromJson,
        ["ByteFallback"] = _ => new ByteFallbackDecoder(),
    };

    private static readonly string[] s_untagged = ["BPEDecoder", "WordPiece", "CTC", "Replace", "Strip"];

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order(StringComparer.Ordinal);

    public static IDecoder Read(JsonObject json)
    {
        if (json.Type is { } type)
            return s_readers.TryGetValue(type, out var read) ? read(json) : throw json.Unsupported("decoder", type, Types);
        foreach (string candidate in s_untagged)
        {
            try
            {
                return s_readers[candidate](json);
            }
            catch (TokenizerFormatException)
            {
                // Not this one's fields: Hugging Face tries the next.
            }
        }
        throw json.Unsupported("decoder", null, Types);
    }
}
