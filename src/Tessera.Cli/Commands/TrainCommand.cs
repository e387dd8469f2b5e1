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
internal static class TrainCommand
{
    private static readonly string[] s_models = ["bpe", "wordpiece"];

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Training text files, read a line at a time", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model") { Description = "The model to train: bpe (with --byte-level), or wordpiece (BERT's pipeline, as Hugging Face's BertWordPieceTokenizer)", DefaultValueFactory = _ => "bpe" };
        var byteLevel = new Option<bool>("--byte-level") { Description = "Byte-level BPE (GPT-2's byte alphabet, all 256 bytes in the vocabulary, GPT-2's pattern)" };
        var vocabSize = new Option<int>("--vocab-size") { Description = "The vocabulary's size, special tokens and alphabet included", DefaultValueFactory = _ => 30_000 };
        var minFrequency = new Option<long?>("--min-frequency") { Description = "The fewest occurrences a merge needs (default 0; wordpiece: 2)" };
        var special = new Option<string?>("--special-tokens") { Description = "Special tokens, comma-separated, given the first ids in order (wordpiece default: [PAD],[UNK],[CLS],[SEP],[MASK])" };
        var limitAlphabet = new Option<int?>("--limit-alphabet") { Description = "The most characters the alphabet keeps (wordpiece default: 1000)" };
        var maxTokenLength = new Option<int?>("--max-token-length") { Description = "The longest token a merge may make, in characters" };
        var output = new Option<string>("--output") { Description = "Where to write the tokenizer (tokenizer.json)", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads that count the corpus (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("train", "Train a tokenizer on text files and write it as tokenizer.json")
        {
            files, model, byteLevel, vocabSize, minFrequency, special, limitAlphabet, maxTokenLength, output, threads,
        };
        command.SetAction(result =>
        {
            string kind = result.GetValue(model)!;
            if (!s_models.Contains(kind))
                throw CliException.Usage($"--model {kind} is not supported; supported: {string.Join(", ", s_models)}");
            bool wordPiece = kind == "wordpiece";
            if (!wordPiece && !result.GetValue(byteLevel))
                throw CliException.Usage("--model bpe needs --byte-level (character-level BPE is not supported yet)");
            if (wordPiece && result.GetValue(byteLevel))
                throw CliException.Usage("--byte-level is for --model bpe");
            string target = result.GetValue(output)!;
            if (!target.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                throw CliException.Usage($"--output {target}: a {kind} model is written as tokenizer.json (a path ending in .json)");
            var options = new BpeTrainerOptions
            {
                VocabSize = result.GetValue(vocabSize),
                MinFrequency = result.GetValue(minFrequency) ?? (wordPiece ? 2 : 0),
                SpecialTokens = result.GetValue(special) is { Length: > 0 } list ? [.. list.Split(',')]
                    : wordPiece ? ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] : [],
                InitialAlphabet = wordPiece ? [] : [.. Enumerable.Range(0, 256).Select(b => (char)Text.ByteLevelAlphabet.CharOf((byte)b))],
                LimitAlphabet = result.GetValue(limitAlphabet) ?? (wordPiece ? 1000 : null),
                MaxTokenLength = result.GetValue(maxTokenLength),
                ContinuingSubwordPrefix = wordPiece ? "##" : null,
            };
            if (result.GetValue(threads) < 1)
                throw CliException.Usage("--threads must be at least 1");
            Train(result.GetValue(files)!, options, target, result.GetValue(threads), wordPiece ? TrainedLayout.BertWordPiece : TrainedLayout.ByteLevelBpe);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Train(string[] files, BpeTrainerOptions options, string target, int threads, TrainedLayout layout)
    {
        int floor = options.SpecialTokens.Distinct().Count() + options.InitialAlphabet.Count;
        if (options.VocabSize < floor)
            throw CliException.Usage($"--vocab-size {options.VocabSize} is smaller than the alphabet and special tokens ({floor})");
        if (options.MaxTokenLength is < 1)
            throw CliException.Usage("--max-token-length must be at least 1");
        foreach (string file in files)
        {
            if (!File.Exists(file))
                throw CliException.Input($"file not found: {file}");
        }
        var clock = Stopwatch.StartNew();
        long totalBytes = files.Sum(f => new FileInfo(f).Length);
        long read = 0;
        IReadOnlyDictionary<string, long> counts;
        using (new ProgressBar(() => Volatile.Read(ref read), totalBytes, "counting"))
            counts = layout == TrainedLayout.BertWordPiece
                ? PretokenCounting.Count(files, threads, PipelinePretokenCounter.Bert, bytes => Volatile.Write(ref read, bytes))
                : PretokenCounting.ByteLevel(files, threads, bytes => Volatile.Write(ref read, bytes));
        if (counts.Count == 0)
            throw CliException.Input($"the corpus has no text: {string.Join(", ", files)}");
        double counted = clock.Elapsed.TotalSeconds;

        int merges = 0;
        TrainedBpe trained;
        using (new ProgressBar(() => Volatile.Read(ref merges), options.VocabSize - floor, "merging", unit: "merges"))
            trained = new BpeTrainer(options).Train(counts, done => Volatile.Write(ref merges, done));
        double merged = clock.Elapsed.TotalSeconds;

        Tokenizer tokenizer = trained.ToTokenizer(layout);
        tokenizer.Save(target);
        double written = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained: {trained.Vocabulary.Count} tokens ({trained.Merges.Count} merges) from {totalBytes / 1e6:F1} MB, {counts.Count} distinct pre-tokens; " +
            $"counting {counted:F1} s, merging {merged - counted:F1} s, writing {written - merged:F1} s; peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; wrote {target}"));
    }
}
