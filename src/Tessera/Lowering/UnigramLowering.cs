using Tessera.Models.Unigram;
using Tessera.Normalizers;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>
/// Lowers the SentencePiece-style Unigram pipelines of tokenizer.json files (T5, XLM-R, ALBERT and what Hugging Face's
/// Unigram trainer writes: any normalizer, then spaces marked by a replacement character that also starts each word)
/// to <see cref="LoweredUnigram"/>: the words cut straight from the normalized bytes, no pre-tokenized string, no
/// alignments (see docs/algorithms/tokenizer-pipeline.md). Three shapes qualify:
/// <list type="bullet">
/// <item>any normalizer (or none), then a Metaspace pre-tokenizer (with prepend scheme "first", no normalizer);</item>
/// <item>any normalizer (or none), then WhitespaceSplit and a Metaspace that prepends always (T5);</item>
/// <item>the normalizer Prepend("▁") then Replace(" " → "▁"), then no pre-tokenizer, or a Split on "▁" that merges each
/// "▁" with what follows.</item>
/// </list>
/// </summary>
internal static class UnigramLowering
{
    private const string Metaspace = "\u2581";

    public static LoweredUnigram? TryLower(TokenizerPipeline pipeline)
    {
        if (pipeline.Model is not UnigramModel model)
            return null;
        if (!AddedTokenRules.CutAsWritten(pipeline.AddedVocabulary))
            return null;
        if (WordMarking(pipeline) is not { } marking)
            return null;
        return new LoweredUnigram(model, pipeline.AddedVocabulary, marking);
    }

    private static WordMarking? WordMarking(TokenizerPipeline pipeline)
    {
        switch (pipeline.PreTokenizer)
        {
            case MetaspacePreTokenizer { PrependScheme: PrependScheme.First } when pipeline.Normalizer is not null:
                // Hugging Face prepends only where the normalized text still starts at the input's first character,
                // which a normalizer can change (Replace removing leading spaces); the general pipeline follows the
                // alignments, the lowered one has none.
                return null;
            case MetaspacePreTokenizer metaspace:
                return new WordMarking(pipeline.Normalizer, Utf8Chars.Bytes(metaspace.Replacement.ToString()), metaspace.PrependScheme, metaspace.SplitOnReplacement, SplitOnWhitespace: false);
            case SequencePreTokenizer { PreTokenizers: [WhitespaceSplitPreTokenizer, MetaspacePreTokenizer { PrependScheme: PrependScheme.Always } metaspace] }:
                return new WordMarking(pipeline.Normalizer, Utf8Chars.Bytes(metaspace.Replacement.ToString()), PrependScheme.Always, metaspace.SplitOnReplacement, SplitOnWhitespace: true);
            case null or SplitPreTokenizer { Pattern: { IsRegex: false, Text: Metaspace }, Behavior: SplitBehavior.MergedWithNext, Invert: false }
                when pipeline.Normalizer is SequenceNormalizer { Normalizers: [PrependNormalizer { Prepend: Metaspace }, ReplaceNormalizer replace] }
                    && SentencePieceBpeLowering.SpaceToMetaspace(replace):
                // Prepend("▁") puts "▁" before any non-empty text, even one that starts with "▁".
                return new WordMarking(null, Utf8Chars.Bytes(Metaspace), PrependScheme.Always, pipeline.PreTokenizer is not null, SplitOnWhitespace: false)
                { PrependEvenBeforeReplacement = true };
            default:
                return null;
        }
    }
}

/// <summary>
/// How a lowered Unigram pipeline turns a text between added tokens into words: <see cref="Normalizer"/> (null: none),
/// every space replaced by <see cref="Replacement"/> (UTF-8), the replacement put first as <see cref="Prepend"/> says,
/// the text cut at white space first when <see cref="SplitOnWhitespace"/>, and before each replacement when
/// <see cref="SplitOnReplacement"/>.
/// </summary>
internal sealed record WordMarking(INormalizer? Normalizer, byte[] Replacement, PrependScheme Prepend, bool SplitOnReplacement, bool SplitOnWhitespace)
{
    /// <summary>Prepend the replacement to non-empty text even when it already starts with one (the Prepend normalizer), rather than only when it does not (Metaspace).</summary>
    public bool PrependEvenBeforeReplacement { get; init; }
}
