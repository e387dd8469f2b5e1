using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>The example of docs/algorithms/wordlevel-training.md, which is Hugging Face's own unit test of its WordLevelTrainer.</summary>
public sealed class WordLevelTrainerTests
{
    private static readonly Dictionary<string, long> s_counts = new()
    {
        ["the"] = 25, ["roses"] = 22, ["are"] = 24, ["red"] = 12, ["voilets"] = 10, ["blue"] = 16,
    };

    [Fact]
    public void KeepsTheMostFrequentWords()
    {
        IReadOnlyDictionary<string, int> vocabulary = new WordLevelTrainer(vocabSize: 5).Train(s_counts);
        Assert.Equal(["the", "are", "roses", "blue", "red"], vocabulary.OrderBy(p => p.Value).Select(p => p.Key));
    }

    [Fact]
    public void DropsWordsBelowTheMinimumFrequency()
    {
        IReadOnlyDictionary<string, int> vocabulary = new WordLevelTrainer(vocabSize: 5, minFrequency: 15).Train(s_counts);
        Assert.Equal(["the", "are", "roses", "blue"], vocabulary.OrderBy(p => p.Value).Select(p => p.Key));
    }

    [Fact]
    public void TiesAreInCodePointOrderAsRustComparesStrings()
    {
        // U+FF21 (fullwidth A) is one UTF-16 unit, U+1D400 (mathematical bold A) two starting with a surrogate (U+D835):
        // by UTF-16 unit the second comes first, by code point (Rust, UTF-8 bytes) the first.
        var counts = new Dictionary<string, long> { ["\U0001D400"] = 3, ["\uFF21"] = 3, ["b"] = 3 };
        IReadOnlyDictionary<string, int> vocabulary = new WordLevelTrainer(specialTokens: ["[UNK]"]).Train(counts);
        Assert.Equal(["[UNK]", "b", "\uFF21", "\U0001D400"], vocabulary.OrderBy(p => p.Value).Select(p => p.Key));
    }
}
