using Tessera.Training;
using Tessera.Training.Unigram;

namespace Tessera.Cli.Commands;

/// <summary>
/// The pre-tokenizations training counts, by the name a count file records: <c>byte-level</c> (byte-level BPE),
/// <c>bert</c> (WordPiece), <c>whitespace</c> (WordLevel), <c>sentencepiece</c> (unigram: words and line ends, the
/// default meta pieces and sentence limit, identity normalization; <c>sentencepiece-nmt_nfkc</c> and
/// <c>sentencepiece-nfkc</c> with those rules) and <c>metaspace</c> (character-level BPE).
/// </summary>
internal static class PretokenKinds
{
    public const string ByteLevel = "byte-level";
    public const string Bert = "bert";
    public const string Whitespace = "whitespace";
    public const string SentencePiece = "sentencepiece";
    public const string Metaspace = "metaspace";

    public static readonly string[] All = [ByteLevel, Bert, Whitespace, SentencePiece, SentencePieceWith("nmt_nfkc"), SentencePieceWith("nfkc"), Metaspace];

    /// <summary>Whether <paramref name="kind"/> is SentencePiece words (with line ends), whatever their normalization.</summary>
    public static bool IsSentencePiece(string kind) => kind == SentencePiece || kind.StartsWith(SentencePiece + "-", StringComparison.Ordinal);

    /// <summary>The kind of SentencePiece words normalized with <paramref name="rule"/>.</summary>
    public static string SentencePieceWith(string rule) => rule == "identity" ? SentencePiece : $"{SentencePiece}-{rule}";

    /// <summary>A counter of that kind; a SentencePiece counter counts the lines it leaves out into <paramref name="skipped"/>.</summary>
    public static Func<IPretokenCounter> Counter(string kind, SkippedLines skipped) => kind switch
    {
        Bert => PipelinePretokenCounter.Bert,
        Whitespace => PipelinePretokenCounter.Whitespace,
        Metaspace => PipelinePretokenCounter.Metaspace,
        SentencePiece => DefaultSentencePiece(skipped, "identity"),
        _ when IsSentencePiece(kind) => DefaultSentencePiece(skipped, kind[(SentencePiece.Length + 1)..]),
        _ => () => new ByteLevelPretokenCounter(),
    };

    /// <summary>spm_train's words with its default sentence limit and meta pieces (those of <see cref="UnigramTrainerOptions"/>), normalized with <paramref name="rule"/>.</summary>
    private static Func<IPretokenCounter> DefaultSentencePiece(SkippedLines skipped, string rule)
    {
        var defaults = new UnigramTrainerOptions();
        string[] meta = [.. defaults.MetaPieces().Select(m => m.Piece)];
        return () => new SentencePieceWordCounter(defaults.MaxSentenceLength, meta, skipped, rule);
    }

    /// <summary>The counts of count files, whose kind must be <paramref name="kind"/>, as many as <paramref name="budget"/> holds; errors are one line naming the file.</summary>
    public static PretokenCountFile.Contents Read(string[] files, string kind, CountingBudget budget)
    {
        foreach (string file in files)
        {
            if (!File.Exists(file))
                throw CliException.Input($"file not found: {file}");
        }
        PretokenCountFile.Contents contents = PretokenCountFile.Read(files, budget);
        if (contents.Kind != kind)
            throw CliException.Usage($"{files[0]}: the counts are of kind {contents.Kind}; this model trains on {kind} counts (tessera count --pretokens {kind})");
        if (contents.Counts.Count == 0)
            throw CliException.Input($"the count files hold no pre-tokens: {string.Join(", ", files)}");
        return contents;
    }
}
