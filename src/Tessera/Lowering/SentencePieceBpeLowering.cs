using Tessera.Formats.HuggingFace;
using Tessera.Models.Bpe;
using Tessera.Normalizers;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>
/// Lowers the SentencePiece-style BPE pipeline of Llama 2, Mistral and Gemma tokenizer.json files (spaces replaced by
/// "▁", optionally "▁" prepended to each text between added tokens, no real pre-tokenizer, characters as symbols with
/// byte fallback) to a loop over code points: no normalized string, no alignments (see docs/algorithms/tokenizer-pipeline.md).
/// </summary>
internal static class SentencePieceBpeLowering
{
    private const string Metaspace = "\u2581";

    public static LoweredSentencePieceBpe? TryLower(TokenizerPipeline pipeline)
    {
        if (pipeline.Model is not BpeModel bpe)
            return null;
        BpeOptions options = bpe.Options;
        if (options.UnkToken is { } unk && bpe.Strings.IdOf(unk) < 0)
            return null; // the general path fails on a character that needs it, as Hugging Face does
        if (options.Dropout is > 0 || !string.IsNullOrEmpty(options.ContinuingSubwordPrefix) || !string.IsNullOrEmpty(options.EndOfWordSuffix))
            return null;
        bool prepend;
        switch (pipeline.Normalizer)
        {
            case SequenceNormalizer { Normalizers: [PrependNormalizer { Prepend: Metaspace }, ReplaceNormalizer replace] } when SpaceToMetaspace(replace):
                prepend = true;
                break;
            case ReplaceNormalizer replace when SpaceToMetaspace(replace):
                prepend = false;
                break;
            default:
                return null;
        }
        // No pre-tokenizer, or one that cannot cut text without spaces (they all became "▁").
        if (pipeline.PreTokenizer is not (null or SplitPreTokenizer { Pattern: { IsRegex: false, Text: " " }, Invert: false }))
            return null;
        if (!AddedTokenRules.CutAsWritten(pipeline.AddedVocabulary))
            return null;
        return new LoweredSentencePieceBpe(bpe, pipeline.AddedVocabulary, prepend);
    }

    /// <summary>Whether the normalizer replaces each space by "▁" (SentencePiece conversions' <c>Replace(" ", "▁")</c>).</summary>
    public static bool SpaceToMetaspace(ReplaceNormalizer replace) =>
        replace.Pattern is { IsRegex: false, Text: " " } && replace.Content == Metaspace;
}
