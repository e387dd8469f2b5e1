using System.Text;
using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>
/// WordPiece by likelihood (<see cref="BpeTrainer.TrainByLikelihood"/>) against its definition computed naively: every
/// step recounts every symbol and pair from scratch and merges the pair with the highest count(ab) / (count(a)
/// count(b)), ties to the smaller ids. No library trains this way, so the definition is the reference.
/// </summary>
public sealed class WordPieceLikelihoodTests
{
    private static IReadOnlyDictionary<string, long> Words(int seed)
    {
        var random = new Random(seed);
        string[] stems = ["un", "re", "play", "work", "er", "ing", "ed", "s", "able", "the", "kind", "ness", "x", "zz"];
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < 300; i++)
        {
            string word = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => stems[random.Next(stems.Length)]));
            counts[word] = counts.GetValueOrDefault(word) + random.Next(1, 40);
        }
        return counts;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MergesAsTheDefinitionDoes(int seed)
    {
        IReadOnlyDictionary<string, long> counts = Words(seed);
        var options = new BpeTrainerOptions { VocabSize = 120, SpecialTokens = ["[UNK]"], ContinuingSubwordPrefix = "##" };
        TrainedBpe trained = new BpeTrainer(options).TrainByLikelihood(counts);
        Assert.Equal(Naive(counts, options), trained.Vocabulary);
    }

    [Fact]
    public void PrefersRarePartsThatGoTogetherToFrequentPairs()
    {
        // docs/algorithms/bpe-training.md, "WordPiece by likelihood": "x" and "y" are only ever seen together, so "xy"
        // scores 3 / (3 × 3); "ac" and "db" score 50 / (100 × 50) and tie (the smaller ids first); then "a" counts 50
        // and "ab" scores as "db" does. By frequency, the three pairs of 50 come first and "xy" last.
        var counts = new Dictionary<string, long> { ["ab"] = 50, ["ac"] = 50, ["db"] = 50, ["xy"] = 3 };
        var options = new BpeTrainerOptions { VocabSize = 1000 };
        Assert.Equal(["a", "b", "c", "d", "x", "y", "xy", "ac", "ab", "db"], new BpeTrainer(options).TrainByLikelihood(counts).Vocabulary);
        Assert.Equal(["a", "b", "c", "d", "x", "y", "ab", "ac", "db", "xy"], new BpeTrainer(options).Train(counts).Vocabulary);
    }

    /// <summary>The vocabulary by definition: ids as the trainer gives them (specials, alphabet by code point, prefixed characters as first met), merges recounted from scratch.</summary>
    private static List<string> Naive(IReadOnlyDictionary<string, long> counts, BpeTrainerOptions options)
    {
        var vocabulary = new List<string>(options.SpecialTokens);
        vocabulary.AddRange(counts.Keys.SelectMany(w => w.EnumerateRunes()).Select(r => r.Value).Distinct().Order().Select(char.ConvertFromUtf32));
        string prefix = options.ContinuingSubwordPrefix!;
        string[] texts = [.. counts.Keys.Order(StringComparer.Ordinal)];
        var words = new List<List<int>>();
        foreach (string text in texts)
        {
            var word = new List<int>();
            int i = 0;
            foreach (Rune rune in text.EnumerateRunes())
            {
                string token = (i++ > 0 ? prefix : "") + rune;
                if (!vocabulary.Contains(token))
                    vocabulary.Add(token);
                word.Add(vocabulary.IndexOf(token));
            }
            words.Add(word);
        }
        while (vocabulary.Count < options.VocabSize)
        {
            var symbols = new Dictionary<int, long>();
            var pairs = new Dictionary<(int, int), long>();
            for (int w = 0; w < words.Count; w++)
            {
                long n = counts[texts[w]];
                for (int i = 0; i < words[w].Count; i++)
                {
                    symbols[words[w][i]] = symbols.GetValueOrDefault(words[w][i]) + n;
                    if (i + 1 < words[w].Count)
                        pairs[(words[w][i], words[w][i + 1])] = pairs.GetValueOrDefault((words[w][i], words[w][i + 1])) + n;
                }
            }
            if (pairs.Count == 0)
                break;
            ((int left, int right), _) = pairs.OrderByDescending(p => p.Value / ((double)symbols[p.Key.Item1] * symbols[p.Key.Item2]))
                .ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).First();
            string right0 = vocabulary[right];
            string merged = vocabulary[left] + (right0.StartsWith(prefix, StringComparison.Ordinal) ? right0[prefix.Length..] : right0);
            if (!vocabulary.Contains(merged))
                vocabulary.Add(merged);
            int id = vocabulary.IndexOf(merged);
            foreach (List<int> word in words)
            {
                for (int i = 0; i + 1 < word.Count; i++)
                {
                    if (word[i] == left && word[i + 1] == right)
                    {
                        word[i] = id;
                        word.RemoveAt(i + 1);
                    }
                }
            }
        }
        return vocabulary;
    }
}
