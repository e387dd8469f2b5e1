using Tessera.Training;
using Tessera.Training.Unigram;

namespace Tessera.Tests.Training;

/// <summary>
/// Character-level BPE written as a SentencePiece .model with spm_train's default normalization, nmt_nfkc
/// (tests/goldens/make-bpe-model-training-goldens.sh): the library writes the golden model byte for byte, and Tessera
/// encodes the held-out split with it as spm_encode did.
/// </summary>
public sealed class BpeModelTrainingTests
{
    private static string Folder => Path.Combine(TestPaths.Goldens, "bpe-model-training");

    private static string ModelFile => Path.Combine(Folder, "trained-bpe-8k.model");

    [Fact]
    public void WritesTheGoldenModel()
    {
        var defaults = new UnigramTrainerOptions();
        TrainedBpe trained = GoldenTrainingSplit.WithTrainingFile(file => new BpeTrainer(new BpeTrainerOptions
        {
            VocabSize = 8000,
            SpecialTokens = ["<unk>", "<s>", "</s>"],
            ByteFallback = true,
            LimitAlphabet = 1000,
        }).Train(PretokenCounting.Count([file], 2, () => new SentencePieceWordCounter(defaults.MaxSentenceLength, ["<unk>", "<s>", "</s>"], new SkippedLines(), "nmt_nfkc"))));
        Assert.Equal(File.ReadAllBytes(ModelFile), trained.ToModelProto("nmt_nfkc"));
    }

    [Fact]
    public void EncodesHeldOutTextAsSpmEncodeDoes()
    {
        GoldenTrainingSplit.AssertEncodesAsSpmEncode(SentencePieceTokenizer.Load(ModelFile), Path.Combine(Folder, "heldout-ids.txt"));
        Assert.Contains(File.ReadAllLines(Path.Combine(Folder, "heldout-ids.txt")), line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) is >= 3 and < 259)); // byte fallback was used
    }

    [Fact]
    public void NeedsAnUnknownPiece()
    {
        TrainedBpe trained = new BpeTrainer(new BpeTrainerOptions { VocabSize = 10, SpecialTokens = ["<s>"] }).Train(new Dictionary<string, long> { ["▁ab"] = 3 });
        var error = Assert.Throws<InvalidOperationException>(() => trained.ToModelProto());
        Assert.Contains("needs the special token <unk>", error.Message);
    }
}
