using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>
/// Continuing BPE training from an existing tokenizer (<see cref="BpeTrainer.Resume"/>) and vetoing merges
/// (<see cref="BpeTrainerOptions.VetoMerge"/>), on the golden training split.
/// </summary>
public sealed class BpeResumeTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, long>> s_counts =
        new(() => GoldenTrainingSplit.WithTrainingFile(file => PretokenCounting.ByteLevel([file], 2)));

    private static BpeTrainerOptions Options(int vocabSize) => new()
    {
        VocabSize = vocabSize,
        SpecialTokens = ["<|endoftext|>"],
        InitialAlphabet = BpeTrainerOptions.ByteAlphabet,
    };

    private static BpeStart StartOf(TrainedBpe trained) => new(trained.Vocabulary, trained.Merges) { SpecialTokens = trained.SpecialTokens };

    [Fact]
    public void ResumingIsTrainingOnceToTheLargerSize()
    {
        TrainedBpe small = new BpeTrainer(Options(1000)).Train(s_counts.Value);
        TrainedBpe resumed = new BpeTrainer(Options(3000)).Resume(StartOf(small), s_counts.Value);
        TrainedBpe direct = new BpeTrainer(Options(3000)).Train(s_counts.Value);
        Assert.Equal(direct.Vocabulary, resumed.Vocabulary);
        Assert.Equal(direct.Merges, resumed.Merges);
    }

    [Fact]
    public void ResumingOnOtherTextKeepsEveryIdAndMerge()
    {
        TrainedBpe prose = new BpeTrainer(Options(1500)).Train(s_counts.Value);
        var code = new Dictionary<string, long> { ["ĠforeachĠ(var"] = 50, ["ĠTask"] = 40, ["<T>()"] = 30, ["Ġ=>"] = 60, ["ĠasyncĠawait"] = 20 };
        TrainedBpe grown = new BpeTrainer(Options(1510)).Resume(StartOf(prose), code);
        Assert.Equal(1510, grown.Vocabulary.Count);
        Assert.Equal(prose.Vocabulary, grown.Vocabulary.Take(1500));
        Assert.Equal(prose.Merges, grown.Merges.Take(prose.Merges.Count));
        // the new merges build on the old tokens: the old tokenizer's segmentation of a word is where they start
        Tokenizer tokenizer = grown.ToTokenizer(TrainedLayout.ByteLevelBpe);
        Assert.True(tokenizer.EncodeToIds(" =>", addSpecialTokens: false).Length == 1);
    }

    [Fact]
    public void VetoedPairsAreNeverMerged()
    {
        static bool HasDigit(string token) => token.Any(char.IsAsciiDigit);
        var options = Options(2000) with { VetoMerge = (left, right) => HasDigit(left) || HasDigit(right) };
        TrainedBpe trained = new BpeTrainer(options).Train(s_counts.Value);
        Assert.Equal(2000, trained.Vocabulary.Count);
        Assert.DoesNotContain(trained.Merges, m => HasDigit(m.Left) || HasDigit(m.Right));
        Assert.Contains(new BpeTrainer(Options(2000)).Train(s_counts.Value).Merges, m => HasDigit(m.Left + m.Right));
        // a veto that never says no changes nothing
        TrainedBpe unvetoed = new BpeTrainer(Options(2000) with { VetoMerge = (_, _) => false }).Train(s_counts.Value);
        Assert.Equal(new BpeTrainer(Options(2000)).Train(s_counts.Value).Merges, unvetoed.Merges);
    }
}
