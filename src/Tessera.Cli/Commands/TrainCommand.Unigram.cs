using System.CommandLine;
using System.Diagnostics;
using Tessera.Cli.Output;
using Tessera.Normalizers;
using Tessera.Training;
using Tessera.Training.Unigram;

namespace Tessera.Cli.Commands;

internal static partial class TrainCommand
{
    /// <summary>The options only unigram training has.</summary>
    private sealed class UnigramOptions
    {
        public Option<double?> CharacterCoverage { get; } = new("--character-coverage") { Description = "unigram: the share of the corpus's characters the alphabet covers; rarer ones are unknown (default 0.9995)" };
        public Option<bool> ByteFallback { get; } = new("--byte-fallback") { Description = "unigram and character-level bpe: 256 byte pieces <0x00>..<0xFF>; unknown characters encode as their UTF-8 bytes" };
        public Option<bool> SplitDigits { get; } = new("--split-digits") { Description = "unigram: every digit a piece of its own" };
        public Option<string?> UserDefinedSymbols { get; } = new("--user-defined-symbols") { Description = "unigram: comma-separated symbols always kept as one piece" };
        public Option<string?> NormalizationRule { get; } = new("--normalization-rule") { Description = "unigram and character-level bpe written as a .model: SentencePiece's normalization rule, applied before counting and written into the model: nmt_nfkc (default, as spm_train), nfkc or identity" };

        /// <summary>The normalization rule given, else spm_train's default, nmt_nfkc.</summary>
        public string Rule(ParseResult result)
        {
            string rule = result.GetValue(NormalizationRule) ?? "nmt_nfkc";
            if (!NormalizationRules.Names.Contains(rule))
                throw CliException.Usage($"--normalization-rule {rule} is not one Tessera builds; expected one of {string.Join(", ", NormalizationRules.Names)}");
            return rule;
        }

        /// <summary>The name of the first of these options given that the model does not take, if any.</summary>
        public string? Given(ParseResult result, bool allowByteFallback, bool allowNormalizationRule) =>
            result.GetValue(CharacterCoverage) is not null ? CharacterCoverage.Name
            : result.GetValue(ByteFallback) && !allowByteFallback ? ByteFallback.Name
            : result.GetValue(SplitDigits) ? SplitDigits.Name
            : result.GetValue(UserDefinedSymbols) is not null ? UserDefinedSymbols.Name
            : result.GetValue(NormalizationRule) is not null && !allowNormalizationRule ? NormalizationRule.Name
            : null;
    }

    private static void TrainUnigram(ParseResult result, UnigramOptions given, TrainingInput input, string target, int vocabSize, string? special,
        int? maxPieceLength)
    {
        if (!target.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !target.EndsWith(".model", StringComparison.OrdinalIgnoreCase))
            throw CliException.Usage($"--output {target}: a unigram model is written as tokenizer.json or as a SentencePiece .model (a path ending in .json or .model)");
        string rule = given.Rule(result);
        var options = new UnigramTrainerOptions
        {
            VocabSize = vocabSize,
            CharacterCoverage = result.GetValue(given.CharacterCoverage) ?? 0.9995,
            MaxPieceLength = maxPieceLength ?? 16,
            ByteFallback = result.GetValue(given.ByteFallback),
            SplitDigits = result.GetValue(given.SplitDigits),
            ControlSymbols = SpecialTokens(special, []),
            UserDefinedSymbols = SpecialTokens(result.GetValue(given.UserDefinedSymbols), []),
            Threads = input.Threads,
            NormalizationRule = rule,
        };
        if (options.CharacterCoverage is <= 0 or > 1)
            throw CliException.Usage($"--character-coverage {options.CharacterCoverage} must be above 0 and at most 1");
        if (options.MaxPieceLength is < 1 or > 32)
            throw CliException.Usage($"--max-token-length {options.MaxPieceLength} must be 1 to 32 for unigram");
        string[] meta = [.. options.MetaPieces().Select(m => m.Piece)];
        if (meta.Distinct().Count() != meta.Length)
            throw CliException.Usage($"a symbol is given twice among <unk>, <s>, </s>, --special-tokens and --user-defined-symbols: {string.Join(",", meta.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key))}");

        var clock = Stopwatch.StartNew();
        var skipped = new SkippedLines();
        GatheredCounts gathered = Gather(input, PretokenKinds.SentencePieceWith(rule), () => new SentencePieceWordCounter(options.MaxSentenceLength, meta, skipped, rule));
        double counted = clock.Elapsed.TotalSeconds;
        UnigramProgress progress = default;
        TrainedUnigram trained;
        try
        {
            using (new ProgressBar(() => Math.Max(0, progress.Seeds - progress.Pieces), () => progress.Seeds == 0 ? null : progress.Seeds - (long)(1.1 * vocabSize),
                "EM and pruning", unit: "pieces pruned"))
                trained = TrainOn(options, gathered, p => progress = p);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(e.Message);
        }
        double trainedAt = clock.Elapsed.TotalSeconds;
        CollectTrainerMemory();
        trained.Save(target);
        double written = clock.Elapsed.TotalSeconds;
        Summary(input, $"{trained.Pieces.Count} pieces ({progress.Seeds} seeds, {progress.Round} rounds; {skipped.Count} lines over {options.MaxSentenceLength} bytes or holding U+2585 left out)",
            gathered.Bytes, gathered.Distinct, counted, trainedAt - counted, "EM", written - trainedAt, target, Compression(() => LineTokens(trained.ToTokenizer()), input));
    }

    /// <summary>Trains on the counts taken from <paramref name="gathered"/>, so that nothing of the command holds them while the pieces are written.</summary>
    private static TrainedUnigram TrainOn(UnigramTrainerOptions options, GatheredCounts gathered, Action<UnigramProgress> progress)
    {
        (IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? lineEnds) = gathered.Take();
        return new UnigramTrainer(options).Train(counts, lineEnds, progress);
    }
}
