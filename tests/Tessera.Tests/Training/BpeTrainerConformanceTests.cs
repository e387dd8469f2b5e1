using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>
/// The BPE trainer against Hugging Face's: on the corpus of tests/goldens/make-bpe-training-goldens.mjs (the golden
/// inputs' prose, code, multilingual and line documents, 2.2 MB), byte-level pre-tokens counted by Tessera and merged
/// by Tessera's trainer give Hugging Face's 29,801 merges, in order; and a tokenizer trained with the byte alphabet in
/// full (what <c>tessera train --byte-level</c> does) learns the same merges, up to its vocabulary size. WordPiece and
/// WordLevel are compared with Hugging Face's on the same corpus too.
/// </summary>
public sealed class BpeTrainerConformanceTests
{
    private static string Folder => Path.Combine(TestPaths.Goldens, "bpe-training");

    private static readonly Lazy<string[]> s_documents = new(Documents);
    private static readonly Lazy<IReadOnlyDictionary<string, long>> s_counts = new(() => CountCorpus(() => new ByteLevelPretokenCounter()));

    /// <summary>The documents the golden script trained on, from the same inputs, in the same order.</summary>
    private static string[] Documents()
    {
        using JsonDocument meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "hf-byte-level.json")));
        var documents = new List<string>();
        foreach (JsonElement part in meta.RootElement.GetProperty("corpus_parts").EnumerateArray())
        {
            foreach (string line in File.ReadLines(Path.Combine(TestPaths.Goldens, "inputs", part.GetString() + ".jsonl")))
            {
                if (line.Length > 0)
                    documents.Add(JsonSerializer.Deserialize<string>(line)!);
            }
        }
        byte[] corpus = Encoding.UTF8.GetBytes(string.Concat(documents.Select(d => d + "\n")));
        Assert.Equal(meta.RootElement.GetProperty("corpus_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(corpus)));
        return [.. documents];
    }

    /// <summary>The corpus, written as the golden script wrote it, counted as the CLI counts files.</summary>
    private static IReadOnlyDictionary<string, long> CountCorpus(Func<IPretokenCounter> counter)
    {
        string file = Path.Combine(Path.GetTempPath(), $"tessera-bpe-corpus-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(file, string.Concat(s_documents.Value.Select(d => d + "\n")));
            return PretokenCounting.Count([file], 2, counter);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<(string, string)> GoldenMerges() =>
        [.. File.ReadLines(Path.Combine(Folder, "hf-byte-level-merges.txt")).Select(l => l.Split(' ')).Select(p => (p[0], p[1]))];

    [Fact]
    public void LearnsHuggingFacesMergesInOrder()
    {
        TrainedBpe trained = new BpeTrainer(new BpeTrainerOptions { VocabSize = 30_000 }).Train(s_counts.Value);
        List<(string, string)> expected = GoldenMerges();
        Assert.Equal(30_000, trained.Vocabulary.Count);
        int firstDifferent = Enumerable.Range(0, Math.Min(expected.Count, trained.Merges.Count)).FirstOrDefault(i => expected[i] != trained.Merges[i], -1);
        Assert.True(firstDifferent < 0, $"merge {firstDifferent}: expected {expected.ElementAtOrDefault(firstDifferent)}, got {trained.Merges.ElementAtOrDefault(firstDifferent)}");
        Assert.Equal(expected.Count, trained.Merges.Count);
    }

    [Fact]
    public void TheFullByteAlphabetAndSpecialTokensLeaveTheMergesAsTheyAre()
    {
        // Alphabet characters the corpus lacks, and special tokens, take ids but are in no pair: the order of pairs,
        // and so every tie, stays the same.
        var options = new BpeTrainerOptions
        {
            VocabSize = 5_000,
            SpecialTokens = ["<|endoftext|>", "<pad>"],
            InitialAlphabet = BpeTrainerOptions.ByteAlphabet,
        };
        TrainedBpe trained = new BpeTrainer(options).Train(s_counts.Value);
        Assert.Equal(5_000, trained.Vocabulary.Count);
        Assert.Equal(["<|endoftext|>", "<pad>"], trained.Vocabulary.Take(2));
        Assert.Equal(5_000 - 2 - 256, trained.Merges.Count);
        Assert.Equal(GoldenMerges().Take(trained.Merges.Count), trained.Merges);
    }

    private static readonly Lazy<IReadOnlyDictionary<string, long>> s_metaspaceCounts = new(() => CountCorpus(PipelinePretokenCounter.Metaspace));

    /// <summary>Hugging Face's merges under a Metaspace pre-tokenizer (tests/goldens/make-char-bpe-training-goldens.mjs), a JSON pair a line.</summary>
    private static List<(string, string)> GoldenMetaspaceMerges() =>
        [.. File.ReadLines(Path.Combine(Folder, "hf-metaspace-merges.jsonl")).Select(l => JsonSerializer.Deserialize<string[]>(l)!).Select(p => (p[0], p[1]))];

    [Fact]
    public void CharacterLevelLearnsHuggingFacesMergesUnderMetaspace()
    {
        TrainedBpe trained = new BpeTrainer(new BpeTrainerOptions { VocabSize = 30_000 }).Train(s_metaspaceCounts.Value);
        Assert.Equal(GoldenMetaspaceMerges(), trained.Merges);
    }

    [Fact]
    public void ByteFallbackPiecesFollowTheSpecialTokensAndLeaveTheMergesAsTheyAre()
    {
        var options = new BpeTrainerOptions { VocabSize = 30_000, SpecialTokens = ["<unk>", "<s>", "</s>"], ByteFallback = true };
        TrainedBpe trained = new BpeTrainer(options).Train(s_metaspaceCounts.Value);
        Assert.Equal(["<unk>", "<s>", "</s>", "<0x00>", "<0x01>"], trained.Vocabulary.Take(5));
        Assert.Equal("<0xFF>", trained.Vocabulary[258]);
        Assert.Equal(30_000, trained.Vocabulary.Count);
        Assert.Equal(GoldenMetaspaceMerges().Take(trained.Merges.Count), trained.Merges);
        // as Llama's tokenizer.json: byte pieces in the vocabulary, not added tokens; unknown characters fall back to them
        Tokenizer tokenizer = trained.ToTokenizer(TrainedLayout.MetaspaceBpe);
        Assert.Equal(3, tokenizer.AddedTokens.Count);
        const string rare = "the \U0002A6D6"; // a CJK extension B character the corpus lacks: F0 AA 9B 96 in UTF-8
        int[] ids = tokenizer.EncodeToIds(rare, addSpecialTokens: false);
        Assert.Equal([0xF0 + 3, 0xAA + 3, 0x9B + 3, 0x96 + 3], ids[^4..]);
        Assert.Equal(rare, tokenizer.Decode(ids));
    }

    [Fact]
    public void MinimumFrequencyStopsAtTheFirstRarerPair()
    {
        // The merges of a pair seen at least 50 times are the golden's up to the first one seen less.
        TrainedBpe trained = new BpeTrainer(new BpeTrainerOptions { VocabSize = 30_000, MinFrequency = 50 }).Train(s_counts.Value);
        List<(string, string)> expected = GoldenMerges();
        Assert.InRange(trained.Merges.Count, 100, expected.Count - 1);
        Assert.Equal(expected.Take(trained.Merges.Count), trained.Merges);
    }

    [Fact]
    public void AMaximumTokenLengthKeepsEveryMadeTokenShorter()
    {
        // Hugging Face makes a pair next to a merge only when the two lengths add to less than the maximum (the first
        // pairs, of two characters, are all counted): with 4, no token is longer than 3 characters.
        TrainedBpe trained = new BpeTrainer(new BpeTrainerOptions { VocabSize = 3_000, MaxTokenLength = 4 }).Train(s_counts.Value);
        Assert.Equal(3_000, trained.Vocabulary.Count);
        Assert.All(trained.Merges, m => Assert.True(m.Left.Length + m.Right.Length <= 3, $"{m.Left} {m.Right}"));
        // Without the limit the same corpus makes longer tokens early on.
        TrainedBpe free = new BpeTrainer(new BpeTrainerOptions { VocabSize = 3_000 }).Train(s_counts.Value);
        Assert.Contains(free.Merges, m => m.Left.Length + m.Right.Length > 3);
    }

    [Fact]
    public void WordPieceLearnsHuggingFacesVocabularyAndCompression()
    {
        // Hugging Face numbers the "##" tokens in its hash map's order of the words, which changes from run to run, and
        // breaks ties by the numbers: three runs of it on this corpus shared 29,847-29,883 of their 30,000 tokens with
        // each other. Tessera's (the words in ordinal order) must share at least 99% with the golden run's and encode
        // the corpus in as many tokens within 0.5%.
        IReadOnlyDictionary<string, long> counts = CountCorpus(PipelinePretokenCounter.Bert);
        TrainedBpe trained = new BpeTrainer(new BpeTrainerOptions { VocabSize = 30_000, ContinuingSubwordPrefix = "##" }).Train(counts);
        string[] expected = File.ReadAllLines(Path.Combine(Folder, "hf-wordpiece-vocab.txt"));
        Assert.Equal(expected.Length, trained.Vocabulary.Count);
        int shared = expected.Intersect(trained.Vocabulary).Count();
        Assert.True(shared >= expected.Length * 0.99, $"{shared} of {expected.Length} tokens shared");
        Tokenizer tokenizer = trained.ToTokenizer(TrainedLayout.BertWordPiece);
        long tokens = s_documents.Value.Sum(d => (long)tokenizer.EncodeToIds(d, addSpecialTokens: false, matchSpecialTokens: false).Length);
        using JsonDocument meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "hf-wordpiece.json")));
        long hf = meta.RootElement.GetProperty("corpus_tokens").GetInt64();
        Assert.True(Math.Abs(tokens - hf) <= hf * 0.005, $"{tokens} tokens against Hugging Face's {hf}");
    }

    [Fact]
    public void WordLevelLearnsHuggingFacesVocabularyIdForId()
    {
        IReadOnlyDictionary<string, long> counts = CountCorpus(PipelinePretokenCounter.Whitespace);
        IReadOnlyDictionary<string, int> vocabulary = new WordLevelTrainer(vocabSize: 30_000).Train(counts);
        string[] expected = File.ReadAllLines(Path.Combine(Folder, "hf-wordlevel-vocab.txt"));
        Assert.Equal(expected, vocabulary.OrderBy(p => p.Value).Select(p => p.Key));
    }
}
