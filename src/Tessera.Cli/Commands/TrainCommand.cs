using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tessera.Cli.Output;
using Tessera.Training;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>tessera train</c>: learns a tokenizer from text files and writes it (a tokenizer.json Hugging Face tokenizers
/// loads), with a progress bar per phase and a summary on standard error.
/// </summary>
internal static partial class TrainCommand
{
    private static readonly string[] s_models = ["bpe", "unigram", "wordpiece", "wordlevel"];

    /// <summary>
    /// Unigram's default counting budget is this share of the machine's memory: its trainer holds about 1.3 KB per distinct
    /// word (each word's seed edges, measured at 104 MB and 1 GB), some 13 times what counting holds, so a budget of a 32nd
    /// keeps training within about half of the memory.
    /// </summary>
    private const int UnigramMemoryShare = 32;

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Training text files, read a line at a time", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model") { Description = "The model to train: bpe (byte-level with --byte-level, else character-level SentencePiece-style), unigram (as spm_train), wordpiece (BERT's pipeline, as Hugging Face's BertWordPieceTokenizer) or wordlevel", DefaultValueFactory = _ => "bpe" };
        var byteLevel = new Option<bool>("--byte-level") { Description = "Byte-level BPE (GPT-2's byte alphabet, all 256 bytes in the vocabulary, GPT-2's pattern)" };
        var vocabSize = new Option<int?>("--vocab-size") { Description = "The vocabulary's size, special tokens and alphabet included (default 30000; unigram 8000)" };
        var minFrequency = new Option<long?>("--min-frequency") { Description = "The fewest occurrences a merge needs (default 0; wordpiece: 2)" };
        var special = new Option<string?>("--special-tokens") { Description = "Special tokens, comma-separated, given the first ids in order (wordpiece default: [PAD],[UNK],[CLS],[SEP],[MASK]; unigram: control symbols after <unk>, <s>, </s>)" };
        var limitAlphabet = new Option<int?>("--limit-alphabet") { Description = "The most characters the alphabet keeps (wordpiece default: 1000)" };
        var maxTokenLength = new Option<int?>("--max-token-length") { Description = "The longest token a merge may make, in characters (unigram: the longest piece, default 16)" };
        var output = new Option<string>("--output") { Description = "Where to write the tokenizer (tokenizer.json; unigram and character-level BPE also a SentencePiece .model; byte-level BPE also a .tiktoken file, with its pattern and special tokens in FILE.tiktoken.json)", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads that count the corpus (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var likelihood = new Option<bool>("--likelihood") { Description = "wordpiece: merge the pair with the highest count(ab) / (count(a) count(b)), WordPiece's own criterion (default: the most frequent pair, as Hugging Face's trainer)" };
        var resume = new Option<string?>("--resume") { Description = "Byte-level BPE: continue from this tokenizer.json's vocabulary and merges (its ids and merges stay; new tokens follow) up to --vocab-size" };
        var jsonlField = new Option<string?>("--jsonl-field") { Description = "The files are JSON Lines: train on this string field of each object (e.g. text)" };
        var fromCounts = new Option<bool>("--from-counts") { Description = "The files are pre-token count files (tessera count --pretokens) to add up and train on, not text" };
        var skipInvalid = new Option<bool>("--skip-invalid-lines") { Description = "Leave out lines that are not valid UTF-8 (the summary counts them) instead of stopping at the first" };
        var holdout = new Option<string?>("--holdout") { Description = "Text not trained on: the summary gives the tokenizer's compression on it (bytes per token)" };
        var prefix = new Option<string?>("--continuing-subword-prefix") { Description = "Character-level BPE: a prefix on every token that does not start a word (e.g. ##), as Hugging Face's continuing_subword_prefix" };
        var suffix = new Option<string?>("--end-of-word-suffix") { Description = "Character-level BPE: a suffix on every token that ends a word (e.g. </w>), as Hugging Face's end_of_word_suffix" };
        var holdoutEvery = new Option<int?>("--holdout-every") { Description = "Hold out about one line in N of the training text (chosen by a hash of the line: the same whatever the threads) and give the compression on them (default: measure on one line in 1000, trained on)" };
        UnigramOptions unigram = new();
        CountingMemoryOptions countingMemory = new();
        var command = new Command("train", "Train a tokenizer on text files and write it as tokenizer.json (unigram also as a SentencePiece .model)")
        {
            files, model, byteLevel, vocabSize, minFrequency, special, limitAlphabet, maxTokenLength, output, threads, holdout, holdoutEvery, prefix, suffix, skipInvalid, fromCounts, resume, jsonlField, likelihood,
            unigram.CharacterCoverage, unigram.ByteFallback, unigram.SplitDigits, unigram.UserDefinedSymbols, unigram.NormalizationRule,
        };
        countingMemory.AddTo(command);
        command.SetAction(result =>
        {
            string kind = result.GetValue(model)!;
            if (!s_models.Contains(kind))
                throw CliException.Usage($"--model {kind} is not supported; supported: {string.Join(", ", s_models)}");
            bool wordPiece = kind == "wordpiece";
            bool characterBpe = kind == "bpe" && !result.GetValue(byteLevel);
            if (kind != "bpe" && result.GetValue(byteLevel))
                throw CliException.Usage("--byte-level is for --model bpe");
            if (kind != "wordpiece" && result.GetValue(likelihood))
                throw CliException.Usage("--likelihood is for --model wordpiece");
            string target = result.GetValue(output)!;
            bool sentencePiece = target.EndsWith(".model", StringComparison.OrdinalIgnoreCase);
            if (kind != "unigram" && unigram.Given(result, allowByteFallback: characterBpe, allowNormalizationRule: characterBpe && sentencePiece) is { } option)
                throw CliException.Usage($"{option} is an option of --model unigram{(option == unigram.ByteFallback.Name ? " and character-level --model bpe" : option == unigram.NormalizationRule.Name ? " and character-level --model bpe written as a .model" : "")}");
            string? continuing = result.GetValue(prefix), endOfWord = result.GetValue(suffix);
            if ((continuing ?? endOfWord) is not null && (!characterBpe || sentencePiece))
                throw CliException.Usage($"{(continuing is not null ? "--continuing-subword-prefix" : "--end-of-word-suffix")} is for character-level --model bpe written as tokenizer.json (a SentencePiece .model has neither)");
            if (continuing is "" || endOfWord is "")
                throw CliException.Usage("--continuing-subword-prefix and --end-of-word-suffix must not be empty");
            int size = result.GetValue(vocabSize) ?? (kind == "unigram" ? 8000 : 30_000);
            if (result.GetValue(threads) < 1)
                throw CliException.Usage("--threads must be at least 1");
            string? heldOut = result.GetValue(holdout);
            if (heldOut is not null && !File.Exists(heldOut))
                throw CliException.Input($"file not found: {heldOut}");
            var input = new TrainingInput(CorpusFiles.Expand(result.GetValue(files)!), result.GetValue(threads), result.GetValue(skipInvalid) ? new SkippedLines() : null,
                result.GetValue(fromCounts), result.GetValue(jsonlField), countingMemory.Budget(result, share: kind == "unigram" ? UnigramMemoryShare : 4), heldOut, Sample(result.GetValue(holdoutEvery), heldOut, result.GetValue(fromCounts)));
            if (kind == "unigram")
            {
                if (result.GetValue(minFrequency) is not null || result.GetValue(limitAlphabet) is not null)
                    throw CliException.Usage("--min-frequency and --limit-alphabet are not options of unigram training (see --character-coverage)");
                TrainUnigram(result, unigram, input, target, size, result.GetValue(special), result.GetValue(maxTokenLength));
                return ExitCodes.Success;
            }
            bool tiktoken = target.EndsWith(".tiktoken", StringComparison.OrdinalIgnoreCase);
            if (tiktoken && (kind != "bpe" || characterBpe))
                throw CliException.Usage($"--output {target}: a .tiktoken file holds byte-level BPE (--model bpe --byte-level)");
            if (sentencePiece && !characterBpe)
                throw CliException.Usage($"--output {target}: a SentencePiece .model holds unigram or character-level BPE (--model bpe without --byte-level)");
            if (!tiktoken && !sentencePiece && !target.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                throw CliException.Usage($"--output {target}: a {kind} model is written as tokenizer.json (a path ending in .json{(kind == "bpe" ? ", .tiktoken for byte-level, .model for character-level" : "")})");
            if (kind == "wordlevel")
            {
                string[] specials = SpecialTokens(result.GetValue(special), ["[UNK]"]);
                var trainer = new WordLevelTrainer(size, result.GetValue(minFrequency) ?? 0, specials);
                TrainWordLevel(input, trainer, specials, target);
                return ExitCodes.Success;
            }
            BpeStart? start = null;
            if (result.GetValue(resume) is { } from)
            {
                if (wordPiece || characterBpe)
                    throw CliException.Usage("--resume continues byte-level BPE (--model bpe --byte-level)");
                if (!File.Exists(from))
                    throw CliException.Input($"file not found: {from}");
                if (result.GetValue(special) is not null)
                    throw CliException.Usage("--special-tokens cannot be given with --resume: the special tokens are the resumed tokenizer's");
                start = BpeStart.FromTokenizerJson(from);
            }
            var options = new BpeTrainerOptions
            {
                VocabSize = size,
                MinFrequency = result.GetValue(minFrequency) ?? (wordPiece ? 2 : 0),
                SpecialTokens = start?.SpecialTokens.ToArray() ?? SpecialTokens(result.GetValue(special),
                    wordPiece ? ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] : characterBpe ? ["<unk>", "<s>", "</s>"] : []),
                InitialAlphabet = wordPiece || characterBpe ? [] : BpeTrainerOptions.ByteAlphabet,
                ByteFallback = characterBpe && result.GetValue(unigram.ByteFallback),
                LimitAlphabet = result.GetValue(limitAlphabet) ?? (wordPiece ? 1000 : null),
                MaxTokenLength = result.GetValue(maxTokenLength),
                ContinuingSubwordPrefix = wordPiece ? "##" : continuing,
                EndOfWordSuffix = endOfWord,
            };
            Train(input, options, start, result.GetValue(likelihood), target, wordPiece ? TrainedLayout.BertWordPiece : characterBpe ? TrainedLayout.MetaspaceBpe : TrainedLayout.ByteLevelBpe,
                sentencePiece ? unigram.Rule(result) : "identity");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The special tokens given (comma-separated), or the model's defaults.</summary>
    private static string[] SpecialTokens(string? given, string[] defaults) => given is { Length: > 0 } ? given.Split(',') : defaults;

    /// <summary>
    /// The corpus files (or with <paramref name="FromCounts"/> count files; with <paramref name="JsonlField"/> JSON Lines
    /// whose field of that name is the text), the threads that count them, and where lines of invalid UTF-8 are counted
    /// when they are to be left out (null: they are an error), the memory the counts may hold, and the text the summary
    /// measures the tokenizer on: a held-out file, or a sample of the training lines (held out or not).
    /// </summary>
    private sealed record TrainingInput(string[] Files, int Threads, SkippedLines? InvalidLines, bool FromCounts, string? JsonlField, CountingBudget Budget,
        string? HoldoutFile, LineSample? Sample);

    /// <summary>The sample of training lines the summary measures on: one in <paramref name="every"/> held out, else (no held-out file) one in 1000 trained on.</summary>
    private static LineSample? Sample(int? every, string? holdoutFile, bool fromCounts)
    {
        if (every is { } n)
        {
            if (n < 2)
                throw CliException.Usage($"--holdout-every {n} must be at least 2");
            if (holdoutFile is not null || fromCounts)
                throw CliException.Usage($"--holdout-every cannot be given with {(fromCounts ? "--from-counts (there are no lines to hold out)" : "--holdout")}");
            return new LineSample(n, heldOut: true);
        }
        return holdoutFile is null && !fromCounts ? new LineSample(1000, heldOut: false) : null;
    }

    private static void Train(TrainingInput input, BpeTrainerOptions options, BpeStart? start, bool byLikelihood, string target, TrainedLayout layout,
        string normalizationRule)
    {
        int floor = start?.Vocabulary.Count ?? options.SpecialTokens.Distinct().Count() + options.InitialAlphabet.Count + (options.ByteFallback ? 256 : 0);
        if (options.VocabSize < floor)
            throw CliException.Usage(start is null
                ? $"--vocab-size {options.VocabSize} is smaller than the alphabet and special tokens ({floor})"
                : $"--vocab-size {options.VocabSize} is smaller than the vocabulary of the tokenizer resumed ({floor})");
        if (options.MaxTokenLength is < 1)
            throw CliException.Usage("--max-token-length must be at least 1");
        var clock = Stopwatch.StartNew();
        bool sentencePiece = target.EndsWith(".model", StringComparison.OrdinalIgnoreCase);
        string kind = layout switch
        {
            TrainedLayout.BertWordPiece => PretokenKinds.Bert,
            TrainedLayout.MetaspaceBpe => sentencePiece ? PretokenKinds.SentencePieceWith(normalizationRule) : PretokenKinds.Metaspace, // a .model's words are spm_train's
            _ => PretokenKinds.ByteLevel,
        };
        GatheredCounts gathered = Gather(input, kind, PretokenKinds.Counter(kind, new SkippedLines()));
        double counted = clock.Elapsed.TotalSeconds;
        int merges = 0;
        TrainedBpe trained;
        using (new ProgressBar(() => Volatile.Read(ref merges), options.VocabSize - floor, "merging", unit: "merges"))
            trained = start is not null ? new BpeTrainer(options).Resume(start, gathered.Take().Counts, done => Volatile.Write(ref merges, done - start.Merges.Count))
                : byLikelihood ? new BpeTrainer(options).TrainByLikelihood(gathered.Take().Counts, done => Volatile.Write(ref merges, done))
                : new BpeTrainer(options).Train(gathered.Take().Counts, done => Volatile.Write(ref merges, done));
        double merged = clock.Elapsed.TotalSeconds;
        CollectTrainerMemory();
        Func<Func<string, int>> tokens;
        if (sentencePiece)
        {
            trained.SaveModel(target, normalizationRule);
            tokens = () =>
            {
                SentencePieceTokenizer model = trained.ToSentencePiece(normalizationRule);
                return line => model.EncodeToIds(line).Length; // spm_encode's lines, without their line feed
            };
        }
        else
        {
            Tokenizer tokenizer = trained.ToTokenizer(layout);
            if (target.EndsWith(".tiktoken", StringComparison.OrdinalIgnoreCase))
                TiktokenFiles.Save(trained, target);
            else
                tokenizer.Save(target);
            tokens = () => LineTokens(tokenizer);
        }
        double written = clock.Elapsed.TotalSeconds;
        Summary(input, $"{trained.Vocabulary.Count} tokens ({trained.Merges.Count} merges)", gathered.Bytes, gathered.Distinct, counted, merged - counted, "merging",
            written - merged, target, Compression(tokens, input));
    }

    private static void TrainWordLevel(TrainingInput input, WordLevelTrainer trainer, string[] specials, string target)
    {
        var clock = Stopwatch.StartNew();
        GatheredCounts gathered = Gather(input, PretokenKinds.Whitespace, PipelinePretokenCounter.Whitespace);
        double counted = clock.Elapsed.TotalSeconds;
        var trained = new TrainedWordLevel(trainer.Train(gathered.Take().Counts), specials, specials.Contains("[UNK]") ? "[UNK]" : specials.FirstOrDefault() ?? "[UNK]");
        double ranked = clock.Elapsed.TotalSeconds;
        CollectTrainerMemory();
        Tokenizer tokenizer = trained.ToTokenizer();
        tokenizer.Save(target);
        double written = clock.Elapsed.TotalSeconds;
        Summary(input, $"{trained.Vocabulary.Count} tokens", gathered.Bytes, gathered.Distinct, counted, ranked - counted, "ranking", written - ranked, target,
            Compression(() => LineTokens(tokenizer), input));
    }

    /// <summary>
    /// The pre-tokens of the files (of the counter's <paramref name="kind"/>), their line-end counts for SentencePiece
    /// words, and the bytes read: counted with a progress bar, or added up from count files.
    /// </summary>
    private static GatheredCounts Gather(TrainingInput input,
        string kind, Func<IPretokenCounter> counter)
    {
        if (input.FromCounts)
        {
            PretokenCountFile.Contents contents = PretokenKinds.Read(input.Files, kind, input.Budget);
            return new GatheredCounts(contents.Counts, PretokenKinds.IsSentencePiece(kind) ? contents.LineEnds : null, input.Files.Sum(f => new FileInfo(f).Length));
        }
        Func<IPretokenCounter> sampling = input.Sample is { } sample ? () => new SamplingCounter(counter(), sample) : counter;
        (IPretokenCounter summed, long bytes) = CountWith(input, sampling);
        return new GatheredCounts(summed.Counts, summed.LineEnds, bytes);
    }

    /// <summary>The pre-tokens of the files and their bytes in all, with a progress bar, in the counter they were summed into; a missing file or an empty corpus is an error.</summary>
    private static (TCounter Counter, long Bytes) CountWith<TCounter>(TrainingInput input, Func<TCounter> counter)
        where TCounter : IPretokenCounter
    {
        string[] files = input.Files;
        foreach (string file in files)
        {
            if (file != TrainingCorpus.StandardInput && !File.Exists(file))
                throw CliException.Input($"file not found: {file}");
        }
        long totalBytes = files.Where(f => f != TrainingCorpus.StandardInput).Sum(f => new FileInfo(f).Length);
        long read = 0;
        TCounter summed;
        using (new ProgressBar(() => Volatile.Read(ref read), totalBytes, "counting"))
            summed = PretokenCounting.CountWith(files, input.Threads, counter, bytes => Volatile.Write(ref read, bytes), input.InvalidLines, input.JsonlField, input.Budget);
        if (summed.Counts.Count == 0)
            throw CliException.Input($"the corpus has no text: {string.Join(", ", files)}");
        return (summed, totalBytes);
    }

    /// <summary>
    /// Collects what the trainer held, once it has returned its model: tens of megabytes of garbage the collector would
    /// otherwise keep while the model is written and sampled, raising the peak (byte-level BPE on 100 MB: 77 MB
    /// instead of 70). Cheap: little is still alive.
    /// </summary>
    private static void CollectTrainerMemory() => GC.Collect();

    private static void Summary(TrainingInput input, string made, long bytes, int distinct, double counting, double training, string phase, double writing, string target,
        string compression) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained: {made} from {bytes / 1e6:F1} MB{(input.InvalidLines is { } invalid ? $" ({invalid.Count} lines of invalid UTF-8 left out)" : "")}, {distinct} distinct pre-tokens{Budgeted(input.Budget)}; counting {counting:F1} s, {phase} {training:F1} s, " +
            $"writing {writing:F1} s; peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB{compression}; wrote {target}"));

    /// <summary>What counting did to stay within its memory, for the summary; empty if it did not need to.</summary>
    private static string Budgeted(CountingBudget budget) => budget.Spills == 0 && budget.PretokensLeftOut == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
        $" (counting memory {budget.Bytes / 1e6:F0} MB: {budget.Spills} spills{(budget.PretokensLeftOut > 0 ? $", {budget.PretokensLeftOut} pre-tokens seen fewer than {budget.MinCountKept} times left out ({budget.OccurrencesLeftOut} occurrences)" : ", nothing left out")})");

    /// <summary>How many tokens a held-out line (without its line feed) makes: encoded with its line feed, without special tokens.</summary>
    private static Func<string, int> LineTokens(Tokenizer tokenizer) => line => tokenizer.EncodeToIds(line + "\n", addSpecialTokens: false, matchSpecialTokens: false).Length;

    /// <summary>
    /// The compression of the tokenizer whose line counter <paramref name="tokens"/> makes on the held-out file or the
    /// sample of training lines, each line encoded alone, for the summary (the tokenizer is made only then).
    /// </summary>
    private static string Compression(Func<Func<string, int>> tokens, TrainingInput input)
    {
        (IEnumerable<string>? lines, string what) = (input.HoldoutFile, input.Sample) switch
        {
            ({ } file, _) => (File.ReadLines(file), $"held out {file}"),
            (_, { HeldOut: true } sample) => (sample.Kept, $"held out 1 line in {sample.Every} ({sample.Lines} lines, {sample.Bytes / 1e6:F1} MB, not trained on)"),
            (_, { } sample) => (sample.Kept, $"a sample of the training text (1 line in {sample.Every}, trained on; --holdout-every N holds lines out)"),
            _ => (null, ""),
        };
        if (lines is null)
            return "; no text to measure compression on (--holdout FILE)";
        Func<string, int> count = tokens();
        long bytes = 0, total = 0;
        foreach (string line in lines)
        {
            bytes += System.Text.Encoding.UTF8.GetByteCount(line) + 1;
            total += count(line);
        }
        return string.Create(CultureInfo.InvariantCulture, $"; {what}: {bytes} bytes in {total} tokens, {(double)bytes / Math.Max(total, 1):F2} bytes per token");
    }
}
