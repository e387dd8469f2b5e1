using Tessera.Internal;
using Tessera.Models.Bpe;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;
using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>
/// Lowers a byte-level BPE pipeline (GPT-2, Llama 3, Qwen, DeepSeek, GPT-4o as tokenizer.json) to the flat encoder
/// tiktoken encodings run on: the Split pattern becomes the encoder's splitter (a hand-written one when the pattern is
/// one of tiktoken's), the vocabulary a rank table over token bytes (rank = id), and the merges a
/// <see cref="MergeRule"/>. See docs/algorithms/tokenizer-pipeline.md.
/// </summary>
internal static class ByteLevelBpeLowering
{
    /// <summary>The lowered encoder, or null when the pipeline has a part the flat encoder does not model.</summary>
    public static LoweredEncoder? TryLower(TokenizerPipeline pipeline)
    {
        if (pipeline.Model is not BpeModel bpe || pipeline.Normalizer is not null)
            return null;
        BpeOptions options = bpe.Options;
        if (options.Dropout is > 0 || !string.IsNullOrEmpty(options.ContinuingSubwordPrefix) || !string.IsNullOrEmpty(options.EndOfWordSuffix))
            return null;
        if (PatternOf(pipeline.PreTokenizer) is not { } pattern)
            return null;
        foreach ((AddedToken token, _) in pipeline.AddedVocabulary.Tokens)
            if (token.IsNormalized || token.LStrip || token.RStrip || token.SingleWord)
                return null;

        var tokens = new byte[]?[bpe.Vocabulary.Count == 0 ? 0 : bpe.Vocabulary.Values.Max() + 1];
        var seen = new HashSet<byte[]>(ByteArrayComparer.Instance);
        foreach ((string token, int id) in bpe.Vocabulary)
        {
            byte[]? bytes = BytesOf(token);
            if (bytes is not null && bytes.Length > 0 && seen.Add(bytes))
                tokens[id] = bytes;
        }
        var byteIds = new int[256];
        for (int b = 0; b < 256; b++)
        {
            if (bpe.TokenToId(((char)ByteLevelAlphabet.CharOf((byte)b)).ToString()) is not int id || tokens[id] is not { Length: 1 })
                return null; // a byte without a token: Hugging Face drops it (no unknown token) — left to the general path
            byteIds[b] = id;
        }
        RankTable table = RankTable.FromTokens(tokens);
        var rule = new MergeRule(new MergeRanks(bpe.MergeTable), byteIds, options.IgnoreMerges, tokens.Length);
        SplitterKind kind = TiktokenTokenizer.SplitterFor(pattern);
        CodePointRegex? regex = kind == SplitterKind.Regex ? CodePointRegex.Parse(pattern) : null;
        var encoder = new BpeEncoder(table, new SpecialTokenMatcher(new Dictionary<string, int>()), kind, regex, rule);
        return new LoweredEncoder(encoder, pipeline.AddedVocabulary);
    }

    /// <summary>
    /// The pattern whose successive matches are the pieces: ByteLevel with its own regex, or a Split (isolating its
    /// matches, or keeping them with invert) followed by ByteLevel without regex. Both without a prefix space.
    /// </summary>
    private static string? PatternOf(IPreTokenizer? preTokenizer) => preTokenizer switch
    {
        ByteLevelPreTokenizer { AddPrefixSpace: false, UseRegex: true } => ByteLevelPreTokenizer.Gpt2Pattern,
        SequencePreTokenizer { PreTokenizers: [SplitPreTokenizer split, ByteLevelPreTokenizer { AddPrefixSpace: false, UseRegex: false }] }
            when split.Pattern.IsRegex && CoversEverything(split) => split.Pattern.Text,
        _ => null,
    };

    /// <summary>
    /// Whether the split's pieces are exactly the pattern's matches: with Removed + invert the text between matches is
    /// dropped, as the flat encoder drops it; with Isolated it would be a piece, so only patterns that match every
    /// character qualify (the known ones).
    /// </summary>
    private static bool CoversEverything(SplitPreTokenizer split) =>
        (split.Behavior == SplitBehavior.Removed && split.Invert)
        || (split.Behavior == SplitBehavior.Isolated && !split.Invert && GapFreePatterns.Contains(split.Pattern.Text));

    /// <summary>Patterns with a last resort for every character (whitespace, letters, numbers and the rest).</summary>
    private static readonly HashSet<string> GapFreePatterns =
    [
        Formats.Tiktoken.TiktokenPatterns.Cl100k,
        Formats.Tiktoken.TiktokenPatterns.Cl100kOlderForm,
        Formats.Tiktoken.TiktokenPatterns.O200k,
        Formats.Tiktoken.TiktokenPatterns.Cl100kOlderForm.Replace(@"\p{N}{1,3}", @"\p{N}"), // Qwen 2 and 3
        ByteLevelPreTokenizer.Gpt2Pattern,
    ];

    private static byte[]? BytesOf(string token)
    {
        var bytes = new byte[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            if (!ByteLevelAlphabet.TryByteOf(token[i], out bytes[i]))
                return null;
        }
        return bytes;
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
