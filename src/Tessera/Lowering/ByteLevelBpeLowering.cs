using Tessera.Internal;
using Tessera.Models;
using Tessera.Models.Bpe;
using Tessera.Normalizers;
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
        if (pipeline.Model is not BpeModel bpe)
            return null;
        // Qwen's NFC and Claude's NFKC: each text between added tokens is normalized first (when it is not ASCII).
        // DeepSeek's empty Sequence: no normalizer.
        INormalizer? normalizer = pipeline.Normalizer is SequenceNormalizer { Normalizers.Count: 0 } ? null : pipeline.Normalizer;
        if (normalizer is not (null or NfcNormalizer or NfkcNormalizer))
            return null;
        bool? compatibility = normalizer switch { NfcNormalizer => false, NfkcNormalizer => true, _ => null };
        BpeOptions options = bpe.Options;
        if (options.Dropout is > 0 || !string.IsNullOrEmpty(options.ContinuingSubwordPrefix) || !string.IsNullOrEmpty(options.EndOfWordSuffix))
            return null;
        string? pattern = PatternOf(pipeline.PreTokenizer);
        List<string>? chainPatterns = pattern is null ? ChainOf(pipeline.PreTokenizer) : null;
        bool deepSeek = chainPatterns is not null && DeepSeekSplitter.IsDeepSeek(chainPatterns);
        CodePointRegex[]? chain = chainPatterns is not null && !deepSeek ? ChainSplitter.Compile(chainPatterns) : null;
        if (pattern is null && chain is null && !deepSeek)
            return null;
        if (!AddedTokenRules.CutAsWritten(pipeline.AddedVocabulary, normalizedAllowed: true))
            return null;

        // The merges' table first: a load builds the byte-level table on its helper thread, and this thread builds the
        // merges' table meanwhile unless the helper got to it first (BpeModel.PrepareMerges).
        MergeRanks merges = bpe.Merges;
        if (bpe.Strings.ByteLevelTable is not { } table)
            return null;
        var byteIds = new int[256];
        for (int b = 0; b < 256; b++)
        {
            if ((byteIds[b] = table.RankOfByte((byte)b)) < 0)
                return null; // a byte without a token: Hugging Face drops it (no unknown token); left to the general path
        }
        var rule = new MergeRule(merges, byteIds, options.IgnoreMerges, table.MaxRank + 1);
        SplitterKind kind = deepSeek ? SplitterKind.DeepSeek : pattern is null ? SplitterKind.Chain : TiktokenTokenizer.SplitterFor(pattern);
        CodePointRegex? regex = kind == SplitterKind.Regex ? CodePointRegex.Parse(pattern!) : null;
        var encoder = new BpeEncoder(table, SpecialTokenMatcher.None(), kind, regex, rule, chain);
        return new LoweredEncoder(encoder, pipeline.AddedVocabulary, compatibility);
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
    /// The patterns of a Sequence of at least two Splits, each Isolated on a regular expression and not inverted (every
    /// character ends up in a piece), followed by ByteLevel without regex and without a prefix space (DeepSeek V3).
    /// </summary>
    private static List<string>? ChainOf(IPreTokenizer? preTokenizer)
    {
        if (preTokenizer is not SequencePreTokenizer { PreTokenizers: { Count: >= 3 } parts }
            || parts[^1] is not ByteLevelPreTokenizer { AddPrefixSpace: false, UseRegex: false })
            return null;
        var patterns = new List<string>(parts.Count - 1);
        foreach (IPreTokenizer part in parts.Take(parts.Count - 1))
        {
            if (part is not SplitPreTokenizer { Behavior: SplitBehavior.Isolated, Invert: false } split || !split.Pattern.IsRegex)
                return null;
            patterns.Add(split.Pattern.Text);
        }
        return patterns;
    }

    /// <summary>
    /// Whether the split's pieces are exactly the pattern's matches: with Removed + invert the text between matches is
    /// dropped, as the flat encoder drops it; with Isolated it would be a piece, so only patterns that match every
    /// character qualify (the known ones).
    /// </summary>
    private static bool CoversEverything(SplitPreTokenizer split) =>
        (split.Behavior == SplitBehavior.Removed && split.Invert)
        || (split.Behavior == SplitBehavior.Isolated && !split.Invert && KnownPatterns.Contains(split.Pattern.Text));
}
