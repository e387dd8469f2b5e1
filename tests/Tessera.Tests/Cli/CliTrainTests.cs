using System.Text;
using Tessera.Training;

namespace Tessera.Tests.Cli;

/// <summary>
/// <c>tessera train</c>: the issue's command forms for byte-level BPE write a tokenizer.json whose merges are the
/// library trainer's (itself checked against Hugging Face's in BpeTrainerConformanceTests), which loads and encodes
/// with them; and each kind of bad input gets one line naming what is wrong, with no output file left behind.
/// </summary>
public sealed class CliTrainTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>About 300 KB of the golden prose and code documents, one document per line group.</summary>
    private string Corpus()
    {
        var text = new StringBuilder();
        foreach (string part in new[] { "prose-en", "code" })
        {
            foreach (string line in File.ReadLines(Path.Combine(TestPaths.Goldens, "inputs", part + ".jsonl")).Take(60))
                text.Append(System.Text.Json.JsonSerializer.Deserialize<string>(line)).Append('\n');
        }
        return Write("corpus.txt", Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Runs <c>tessera train --model MODEL --vocab-size N --output OUT CORPUS</c> (and <paramref name="extra"/>) and returns OUT, having checked it succeeded.</summary>
    private string Train(CliHost host, string corpus, string model, int vocabSize, params string[] extra)
    {
        string output = Path.Combine(_folder, model + ".json");
        CliRunner.Result result = CliRunner.Run(host, ["train", "--model", model, "--vocab-size", vocabSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--output", output, .. extra, corpus]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"trained: {vocabSize} tokens", result.Stderr);
        LastSummary = result.Stderr;
        return output;
    }

    private string LastSummary { get; set; } = "";

    /// <summary>The corpus's pre-tokens as <paramref name="counter"/> counts them, on one thread.</summary>
    private static IReadOnlyDictionary<string, long> Count(string corpus, IPretokenCounter counter)
    {
        TrainingCorpus.ForEachLine([corpus], counter.Add);
        return counter.Counts;
    }

    [Theory]
    [InlineData(CliHost.Dotnet, "1")]
    [InlineData(CliHost.Native, "2")]
    public void ByteLevelBpeIsTheLibrarysAndEncodesWithItsMerges(CliHost host, string threads)
    {
        string corpus = Corpus();
        string output = Train(host, corpus, "bpe", 1000, "--byte-level", "--special-tokens", "<|endoftext|>", "--threads", threads);
        var options = new BpeTrainerOptions
        {
            VocabSize = 1000,
            SpecialTokens = ["<|endoftext|>"],
            InitialAlphabet = BpeTrainerOptions.ByteAlphabet,
        };
        string expected = new BpeTrainer(options).Train(Count(corpus, new ByteLevelPretokenCounter())).ToTokenizer(TrainedLayout.ByteLevelBpe).ToJson();
        Assert.Equal(expected, File.ReadAllText(output));

        Tokenizer trained = Tokenizer.Load(output);
        Assert.Equal(1000, trained.VocabularySize);
        int[] ids = trained.EncodeToIds("The kernel's scheduler, version 2.6.32", addSpecialTokens: false, matchSpecialTokens: false);
        Assert.Equal("The kernel's scheduler, version 2.6.32", trained.Decode(ids));
        Assert.True(ids.Length < "The kernel's scheduler, version 2.6.32".Length, "merges should shorten the text");
    }

    [Fact]
    public void WordPieceIsTheLibrarysWithBertsPipeline()
    {
        string corpus = Corpus();
        string output = Train(CliHost.Dotnet, corpus, "wordpiece", 2000);
        // BertWordPieceTokenizer's defaults: its five special tokens, a minimum frequency of 2, at most 1,000 characters.
        var options = new BpeTrainerOptions
        {
            VocabSize = 2000,
            MinFrequency = 2,
            SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
            LimitAlphabet = 1000,
            ContinuingSubwordPrefix = "##",
        };
        string expected = new BpeTrainer(options).Train(Count(corpus, PipelinePretokenCounter.Bert())).ToTokenizer(TrainedLayout.BertWordPiece).ToJson();
        Assert.Equal(expected, File.ReadAllText(output));
        Tokenizer trained = Tokenizer.Load(output);
        int[] ids = trained.EncodeToIds("The Kernel's scheduler", addSpecialTokens: true, matchSpecialTokens: false);
        Assert.Equal(2, ids[0]);  // [CLS]
        Assert.Equal(3, ids[^1]); // [SEP]
        Assert.Equal("the kernel ' s scheduler", trained.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void WordLevelIsTheLibrarysWithTheWhitespacePreTokenizer()
    {
        string corpus = Corpus();
        string heldOut = Write("held-out.txt", "The scheduler runs the next task.\nzzzqqq\n"u8.ToArray());
        string output = Train(CliHost.Dotnet, corpus, "wordlevel", 3000, "--holdout", heldOut);
        var vocabulary = new WordLevelTrainer(3000, 0, ["[UNK]"]).Train(Count(corpus, PipelinePretokenCounter.Whitespace()));
        Assert.Equal(new TrainedWordLevel(vocabulary, ["[UNK]"], "[UNK]").ToTokenizer().ToJson(), File.ReadAllText(output));
        Tokenizer trained = Tokenizer.Load(output);
        Assert.Equal(0, trained.EncodeToIds("zzzqqqxxx", addSpecialTokens: false, matchSpecialTokens: false).Single()); // [UNK]
        // The held-out text: 41 bytes (line endings included), in the tokenizer's own count of tokens.
        int tokens = trained.EncodeToIds("The scheduler runs the next task.\n", addSpecialTokens: false, matchSpecialTokens: false).Length + 1;
        Assert.Contains($"held out {heldOut}: 41 bytes in {tokens} tokens", LastSummary);
    }

    [Theory]
    [InlineData(CliHost.Dotnet, ".model")]
    [InlineData(CliHost.Native, ".json")]
    public void UnigramIsTheLibrarysAsAModelOrTokenizerJson(CliHost host, string extension)
    {
        string corpus = Corpus();
        string output = Path.Combine(_folder, "unigram" + extension);
        CliRunner.Result result = CliRunner.Run(host, ["train", "--model", "unigram", "--vocab-size", "2000", "--output", output, corpus]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("trained: 2000 pieces", result.Stderr);
        var counter = new Tessera.Training.Unigram.SentencePieceWordCounter(4192, ["<unk>", "<s>", "</s>"], new SkippedLines(), "nmt_nfkc"); // the command's default, as spm_train's
        TrainingCorpus.ForEachLine([corpus], counter.Add);
        var trained = new Tessera.Training.Unigram.UnigramTrainer(new() { VocabSize = 2000, NormalizationRule = "nmt_nfkc" }).Train(counter.Counts, counter.LineEnds);
        if (extension == ".model")
        {
            Assert.Equal(trained.ToModelProto(), File.ReadAllBytes(output));
            Assert.Equal(2000, SentencePieceTokenizer.Load(output).VocabularySize);
        }
        else
        {
            Assert.Equal(trained.ToJson(), File.ReadAllText(output));
            Assert.Equal("the kernel's scheduler", Tokenizer.Load(output).Decode(Tokenizer.Load(output).EncodeToIds("the kernel's  scheduler ", addSpecialTokens: false)));
        }
    }

    [Fact]
    public void ByteLevelBpeAsTiktokenFilesEncodesAsItsTokenizerJson()
    {
        string corpus = Corpus();
        string json = Train(CliHost.Dotnet, corpus, "bpe", 1000, "--byte-level", "--special-tokens", "<|endoftext|>");
        string ranks = Path.Combine(_folder, "trained.tiktoken");
        CliRunner.Result result = CliRunner.Run(["train", "--model", "bpe", "--byte-level", "--vocab-size", "1000", "--special-tokens", "<|endoftext|>", "--output", ranks, corpus]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(ranks + ".json"));
        const string text = "The kernel's scheduler picks the next task: 42 threads, naïve café.";
        CliRunner.Result fromJson = CliRunner.Run(["encode", "--tokenizer", json, text]);
        CliRunner.Result fromTiktoken = CliRunner.Run(["encode", "--tokenizer", ranks, text]);
        Assert.Equal(0, fromTiktoken.ExitCode);
        Assert.Equal(fromJson.Stdout, fromTiktoken.Stdout);
    }

    [Fact]
    public void SkipInvalidLinesLeavesThemOutAndCountsThem()
    {
        string clean = Write("clean.txt", "the kernel scheduler\nruns the next task\n"u8.ToArray());
        string dirty = Write("dirty.txt", [.. "the kernel scheduler\n"u8, 0xC3, 0x28, (byte)'\n', .. "runs the next task\n"u8, 0xFF, (byte)'\n']);
        string expected = Path.Combine(_folder, "clean.json"), actual = Path.Combine(_folder, "dirty.json");
        Assert.Equal(0, CliRunner.Run(["train", "--model", "wordlevel", "--vocab-size", "100", "--output", expected, clean]).ExitCode);
        CliRunner.Result result = CliRunner.Run(["train", "--model", "wordlevel", "--vocab-size", "100", "--skip-invalid-lines", "--output", actual, dirty]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("(2 lines of invalid UTF-8 left out)", result.Stderr);
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(actual));
    }

    /// <summary>
    /// Item 4 of the training issue: counting shards of the corpus apart (one through standard input and output) and
    /// training from the sum of their count files, given in another order, writes the same tokenizer as training on the
    /// whole corpus.
    /// </summary>
    [Theory]
    [InlineData("bpe", "byte-level", ".json")]
    [InlineData("unigram", "sentencepiece-nmt_nfkc", ".model")]
    [InlineData("wordpiece", "bert", ".json")]
    public void TrainingFromShardCountsIsTrainingOnTheWholeCorpus(string model, string kind, string extension)
    {
        string corpus = Corpus();
        string[] lines = File.ReadAllLines(corpus);
        string[] shards = [.. Enumerable.Range(0, 3).Select(k => Write($"shard{k}.txt", Encoding.UTF8.GetBytes(
            string.Concat(lines.Skip(k * lines.Length / 3).Take((k + 1) * lines.Length / 3 - k * lines.Length / 3).Select(l => l + "\n")))))];
        string[] counts = [.. shards.Select(shard => shard + ".counts")];
        for (int k = 0; k < 2; k++)
            Assert.Equal(0, CliRunner.Run(["count", "--pretokens", kind, "--input", shards[k], "--output", counts[k]]).ExitCode);
        CliRunner.Result piped = CliRunner.Run(File.ReadAllBytes(shards[2]), "count", "--pretokens", kind, "--input", "-", "--output", "-");
        Assert.True(piped.ExitCode == 0, piped.Stderr);
        File.WriteAllText(counts[2], piped.Stdout);

        string[] byteLevel = model == "bpe" ? ["--byte-level"] : [];
        string whole = Path.Combine(_folder, "whole" + extension), fromCounts = Path.Combine(_folder, "from-counts" + extension);
        CliRunner.Result direct = CliRunner.Run(["train", "--model", model, .. byteLevel, "--vocab-size", "1500", "--output", whole, corpus]);
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        CliRunner.Result summed = CliRunner.Run(["train", "--model", model, .. byteLevel, "--vocab-size", "1500", "--from-counts", "--output", fromCounts, .. counts.Reverse()]);
        Assert.True(summed.ExitCode == 0, summed.Stderr);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(fromCounts));
    }

    /// <summary>
    /// A counting budget too small for the corpus's pre-tokens: the summary says how many were left out, and training
    /// from the corpus's count file within the same budget (a merge of sorted files, not counting) keeps the same ones.
    /// </summary>
    [Fact]
    public void ACountingBudgetLeavesOutThePretokensSeenLeastWhicheverWayTheyAreCounted()
    {
        string corpus = Corpus();
        string counts = Path.Combine(_folder, "corpus.counts");
        CliRunner.Result counted = CliRunner.Run(["count", "--pretokens", "byte-level", "--counting-memory", "64K", "--spill-dir", _folder, "--input", corpus, "--output", counts]);
        Assert.True(counted.ExitCode == 0, counted.Stderr);
        Assert.Contains("spills past --counting-memory, merged", counted.Stderr);
        string direct = Path.Combine(_folder, "direct.json"), fromCounts = Path.Combine(_folder, "from-counts.json");
        CliRunner.Result trained = CliRunner.Run(["train", "--byte-level", "--vocab-size", "1000", "--counting-memory", "512K", "--output", direct, corpus]);
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        Assert.Matches(@"pre-tokens seen fewer than \d+ times left out", trained.Stderr);
        CliRunner.Result summed = CliRunner.Run(["train", "--byte-level", "--vocab-size", "1000", "--counting-memory", "512K", "--from-counts", "--output", fromCounts, counts]);
        Assert.True(summed.ExitCode == 0, summed.Stderr);
        Assert.Equal(File.ReadAllBytes(direct), File.ReadAllBytes(fromCounts));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.run"));
    }

    [Fact]
    public void GzipAndStandardInputTrainAsTheFileDoes()
    {
        string corpus = Corpus();
        string gz = corpus + ".gz";
        using (var file = File.Create(gz))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            zip.Write(File.ReadAllBytes(corpus));
        string plain = Path.Combine(_folder, "plain.json"), fromGz = Path.Combine(_folder, "gz.json"), fromStdin = Path.Combine(_folder, "stdin.json");
        Assert.Equal(0, CliRunner.Run(["train", "--model", "wordlevel", "--vocab-size", "500", "--output", plain, corpus]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["train", "--model", "wordlevel", "--vocab-size", "500", "--output", fromGz, gz]).ExitCode);
        CliRunner.Result piped = CliRunner.Run(File.ReadAllBytes(corpus), "train", "--model", "wordlevel", "--vocab-size", "500", "--output", fromStdin, "-");
        Assert.True(piped.ExitCode == 0, piped.Stderr);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(fromGz));
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(fromStdin));
    }

    [Fact]
    public void JsonLinesAndWildcardsTrainAsThePlainFilesDo()
    {
        string corpus = Corpus();
        string[] lines = File.ReadAllLines(corpus);
        Directory.CreateDirectory(Path.Combine(_folder, "parts"));
        string half = Path.Combine(_folder, "parts", "a.jsonl"), rest = Path.Combine(_folder, "parts", "b.jsonl");
        static string Jsonl(IEnumerable<string> texts) =>
            string.Concat(texts.Select((t, i) => $"{{\"id\": {i}, \"meta\": {{\"text\": 1}}, \"text\": {System.Text.Json.JsonSerializer.Serialize(t + "\n")}}}\n")) + "\n";
        File.WriteAllText(half, Jsonl(lines.Take(lines.Length / 2)));
        File.WriteAllText(rest, Jsonl(lines.Skip(lines.Length / 2)));
        string plain = Path.Combine(_folder, "plain.json"), fromJsonl = Path.Combine(_folder, "jsonl.json");
        Assert.Equal(0, CliRunner.Run(["train", "--byte-level", "--vocab-size", "800", "--output", plain, corpus]).ExitCode);
        CliRunner.Result result = CliRunner.Run(["train", "--byte-level", "--vocab-size", "800", "--jsonl-field", "text", "--output", fromJsonl,
            Path.Combine(_folder, "parts", "*.jsonl")]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(fromJsonl));
    }

    /// <summary>--continuing-subword-prefix and --end-of-word-suffix: the library's tokenizer, whose decoder takes both off again.</summary>
    [Fact]
    public void CharacterLevelBpeWithAffixesIsTheLibrarysAndDecodesBack()
    {
        string corpus = Corpus();
        string output = Path.Combine(_folder, "affixes.json");
        CliRunner.Result result = CliRunner.Run(["train", "--model", "bpe", "--byte-fallback", "--continuing-subword-prefix", "##", "--end-of-word-suffix", "</w>",
            "--vocab-size", "1500", "--output", output, corpus]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        TrainedBpe library = new BpeTrainer(new BpeTrainerOptions
        {
            VocabSize = 1500, SpecialTokens = ["<unk>", "<s>", "</s>"], ByteFallback = true, ContinuingSubwordPrefix = "##", EndOfWordSuffix = "</w>",
        }).Train(Count(corpus, PipelinePretokenCounter.Metaspace()));
        Assert.Equal(library.ToTokenizer(TrainedLayout.MetaspaceBpe).ToJson(), File.ReadAllText(output));
        Tokenizer tokenizer = Tokenizer.Load(output);
        Assert.Contains(tokenizer.Encode("walking", addSpecialTokens: false).Tokens, t => t.StartsWith("##", StringComparison.Ordinal) || t.EndsWith("</w>", StringComparison.Ordinal));
        string[] lines = [.. File.ReadLines(corpus).Where(l => l.Length > 0 && l[0] != ' ').Take(200)];
        foreach (string line in lines)
            Assert.Equal(line, tokenizer.Decode(tokenizer.EncodeToIds(line, addSpecialTokens: false)));
        // the CLI decodes with a tokenizer.json too: ids per line back to the lines
        string ids = Write("ids.txt", Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => string.Join(' ', tokenizer.EncodeToIds(l, addSpecialTokens: false)) + "\n"))));
        CliRunner.Result decoded = CliRunner.Run(["decode", "--tokenizer", output, "--per-line", "--input", ids]);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);
        Assert.Equal(string.Concat(lines.Select(l => l + "\n")), decoded.Stdout);
    }

    /// <summary>--holdout-every N: the lines held out are not trained on (training on the rest gives the same tokenizer) and the summary measures on them.</summary>
    [Fact]
    public void HoldoutEveryTrainsOnTheOtherLinesAndMeasuresOnThese()
    {
        string corpus = Corpus();
        var sample = new LineSample(7, heldOut: true);
        string rest = Write("rest.txt", Encoding.UTF8.GetBytes(string.Concat(File.ReadAllLines(corpus).Where(l => !sample.Take(Encoding.UTF8.GetBytes(l))).Select(l => l + "\n"))));
        string heldOut = Path.Combine(_folder, "held.json"), plain = Path.Combine(_folder, "rest.json");
        CliRunner.Result result = CliRunner.Run(["train", "--byte-level", "--vocab-size", "600", "--holdout-every", "7", "--output", heldOut, corpus]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"held out 1 line in 7 ({sample.Lines} lines", result.Stderr);
        Assert.Equal(0, CliRunner.Run(["train", "--byte-level", "--vocab-size", "600", "--output", plain, rest]).ExitCode);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(heldOut));
    }

    /// <summary>
    /// Character-level BPE to a .model: trained on spm_train's words (the library's with SentencePieceWordCounter), with
    /// spm_train's default normalization or the one given, its held-out tokens in the summary those of the model.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    public void CharacterLevelBpeAsASentencePieceModelIsTheLibrarys(string? rule)
    {
        string corpus = Corpus();
        string output = Path.Combine(_folder, "bpe.model"), heldOut = Write("heldout.txt", "Held-out text, not   trained on.\n東京 and ｕｎｉｃöｄé\tﬁ\n"u8.ToArray());
        string[] given = rule is null ? [] : ["--normalization-rule", rule];
        CliRunner.Result result = CliRunner.Run(["train", "--model", "bpe", "--byte-fallback", "--vocab-size", "1200", "--holdout", heldOut, .. given, "--output", output, corpus]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        rule ??= "nmt_nfkc";
        TrainedBpe library = new BpeTrainer(new BpeTrainerOptions { VocabSize = 1200, SpecialTokens = ["<unk>", "<s>", "</s>"], ByteFallback = true })
            .Train(Count(corpus, new Tessera.Training.Unigram.SentencePieceWordCounter(4192, ["<unk>", "<s>", "</s>"], new SkippedLines(), rule)));
        Assert.Equal(library.ToModelProto(rule), File.ReadAllBytes(output));
        SentencePieceTokenizer model = SentencePieceTokenizer.Load(output);
        int tokens = File.ReadAllLines(heldOut).Sum(line => model.EncodeToIds(line).Length);
        Assert.Contains($" in {tokens} tokens,", result.Stderr);
    }

    [Fact]
    public void CharacterLevelBpeIsTheLibrarysWithMetaspaceAndByteFallback()
    {
        string corpus = Corpus();
        string output = Path.Combine(_folder, "char.json");
        CliRunner.Result result = CliRunner.Run(["train", "--model", "bpe", "--byte-fallback", "--vocab-size", "1000", "--output", output, corpus]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var options = new BpeTrainerOptions { VocabSize = 1000, SpecialTokens = ["<unk>", "<s>", "</s>"], ByteFallback = true };
        TrainedBpe trained = new BpeTrainer(options).Train(Count(corpus, PipelinePretokenCounter.Metaspace()));
        Assert.Equal(trained.ToTokenizer(TrainedLayout.MetaspaceBpe).ToJson(), File.ReadAllText(output));
    }

    public static TheoryData<string, string[], string> BadInputs() => new()
    {
        { "empty corpus", ["--vocab-size", "1000", "{empty}"], "the corpus has no text" },
        { "vocabulary below the alphabet", ["--vocab-size", "200", "{corpus}"], "--vocab-size 200 is smaller than the alphabet and special tokens (256)" },
        { "missing file", ["--vocab-size", "1000", "{folder}/nothing.txt"], "file not found: {folder}/nothing.txt" },
        { "invalid UTF-8", ["--vocab-size", "1000", "{corpus}", "{invalid}"], "{invalid}: invalid UTF-8 at byte 11" },
        { "another model", ["--model", "sentencepiece", "--vocab-size", "1000", "{corpus}"], "--model sentencepiece is not supported; supported: bpe, unigram, wordpiece, wordlevel" },
        { "character-level bpe as tiktoken", ["--model", "bpe", "--vocab-size", "1000", "--output", "{folder}/out.tiktoken", "{corpus}"], "a .tiktoken file holds byte-level BPE" },
        { "byte fallback byte-level", ["--vocab-size", "1000", "--byte-fallback", "{corpus}"], "--byte-fallback is an option of --model unigram and character-level --model bpe" },
        { "zero threads", ["--threads", "0", "{corpus}"], "--threads must be at least 1" },
        { "missing held-out file", ["--vocab-size", "1000", "--holdout", "{folder}/none.txt", "{corpus}"], "file not found: {folder}/none.txt" },
        { "byte-level wordpiece", ["--model", "wordpiece", "--byte-level", "{corpus}"], "--byte-level is for --model bpe" },
        { "byte-level as a SentencePiece model", ["--vocab-size", "1000", "--output", "{folder}/out.model", "{corpus}"], "a SentencePiece .model holds unigram or character-level BPE" },
        { "not tokenizer.json", ["--vocab-size", "1000", "--output", "{folder}/out.txt", "{corpus}"], "a bpe model is written as tokenizer.json (a path ending in .json, .tiktoken for byte-level, .model for character-level)" },
        { "unigram vocabulary below the alphabet", ["--model", "unigram", "--vocab-size", "20", "{corpus}"], "a vocabulary of 20 is too small: the alphabet has" },
        { "unigram vocabulary above the corpus", ["--model", "unigram", "--vocab-size", "200000", "{corpus}"], "a vocabulary of 200000 is too large for this corpus" },
        { "unigram min frequency", ["--model", "unigram", "--min-frequency", "2", "{corpus}"], "--min-frequency and --limit-alphabet are not options of unigram" },
        { "unigram output", ["--model", "unigram", "--output", "{folder}/out.txt", "{corpus}"], "a unigram model is written as tokenizer.json or as a SentencePiece .model" },
        { "unigram coverage", ["--model", "unigram", "--character-coverage", "0", "{corpus}"], "--character-coverage 0 must be above 0 and at most 1" },
        { "tiktoken wordpiece", ["--model", "wordpiece", "--output", "{folder}/out.tiktoken", "{corpus}"], "a .tiktoken file holds byte-level BPE" },
        { "counts of another kind", ["--model", "unigram", "--from-counts", "{counts}"], "the counts are of kind byte-level; this model trains on sentencepiece-nmt_nfkc counts" },
        { "text as counts", ["--from-counts", "{corpus}"], "expected a pre-token count file" },
        { "resume with special tokens", ["--resume", "{resumable}", "--special-tokens", "<s>", "{corpus}"], "--special-tokens cannot be given with --resume" },
        { "resume below its size", ["--resume", "{resumable}", "--vocab-size", "100", "{corpus}"], "--vocab-size 100 is smaller than the vocabulary of the tokenizer resumed (300)" },
        { "resume not BPE", ["--resume", "{counts}", "{corpus}"], "expected a tokenizer.json with a BPE model" },
        { "not JSON Lines", ["--vocab-size", "1000", "--jsonl-field", "text", "{corpus}"], "the line at byte 0 is not a JSON object with a string field \"text\"" },
        { "no file matches", ["--vocab-size", "1000", "{folder}/none*.txt"], "no file matches {folder}/none*.txt" },
        { "likelihood bpe", ["--vocab-size", "1000", "--likelihood", "{corpus}"], "--likelihood is for --model wordpiece" },
        { "unigram option elsewhere", ["--model", "wordpiece", "--byte-fallback", "{corpus}"], "--byte-fallback is an option of --model unigram" },
        { "counting memory not a size", ["--counting-memory", "lots", "{corpus}"], "--counting-memory lots: expected a size such as 512M or 4G" },
        { "counting memory that holds nothing", ["--counting-memory", "10", "{corpus}"], "a counting budget of 0 MB holds not even the pre-tokens seen most often" },
        { "affix on byte-level", ["--end-of-word-suffix", "</w>", "{corpus}"], "--end-of-word-suffix is for character-level --model bpe written as tokenizer.json" },
        { "normalization rule for tokenizer.json", ["--model", "bpe", "--normalization-rule", "nfkc", "{corpus}"], "--normalization-rule is an option of --model unigram and character-level --model bpe written as a .model" },
        { "unknown normalization rule", ["--model", "unigram", "--normalization-rule", "nfc", "{corpus}"], "--normalization-rule nfc is not one Tessera builds; expected one of identity, nfkc, nmt_nfkc" },
        { "affix on a model file", ["--model", "bpe", "--continuing-subword-prefix", "##", "--output", "{folder}/out.model", "{corpus}"], "--continuing-subword-prefix is for character-level --model bpe written as tokenizer.json" },
        { "holdout every line", ["--holdout-every", "1", "{corpus}"], "--holdout-every 1 must be at least 2" },
        { "two held-out texts", ["--holdout-every", "10", "--holdout", "{corpus}", "{corpus}"], "--holdout-every cannot be given with --holdout" },
        { "spill folder missing", ["--spill-dir", "{folder}/nope", "{corpus}"], "--spill-dir {folder}/nope: no such folder" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputGetsOneLineAndNoOutput(string name, string[] arguments, string message)
    {
        string corpus = Corpus();
        string empty = Write("empty.txt", []);
        string invalid = Write("invalid.txt", [.. "good line\n"u8, 0x61, 0xFF, 0x62, (byte)'\n']); // 0xFF at byte 11
        string output = Path.Combine(_folder, "out.json");
        string resumable = Path.Combine(_folder, "resumable.json");
        if (arguments.Contains("{resumable}"))
            Assert.Equal(0, CliRunner.Run(["train", "--byte-level", "--vocab-size", "300", "--special-tokens", "<|endoftext|>", "--output", resumable, corpus]).ExitCode);
        string counts = Write("byte-level.counts", "#tessera-pretoken-counts 1 byte-level\nthe\t3\n"u8.ToArray());
        string Fill(string s) => s.Replace("{corpus}", corpus).Replace("{empty}", empty).Replace("{invalid}", invalid).Replace("{folder}", _folder).Replace("{counts}", counts).Replace("{resumable}", resumable);
        bool byteLevelGiven = arguments.Contains("--model");
        string[] outputGiven = arguments.Contains("--output") ? [] : ["--output", output];
        string[] args = ["train", .. byteLevelGiven ? [] : new[] { "--byte-level" }, .. outputGiven, .. arguments.Select(Fill)];
        CliRunner.Result result = CliRunner.Run(args);
        Assert.NotEqual(0, result.ExitCode);
        string line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Fill(message), line);
        Assert.False(File.Exists(output), name);
        Assert.False(File.Exists(Path.Combine(_folder, "out.model")), name);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }
}
