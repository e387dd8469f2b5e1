using System.Text.Json;
using Tessera.Training;
using Tessera.Training.Unigram;

namespace Tessera.Tests.Training;

/// <summary>
/// Unigram training with SentencePiece's default normalization, nmt_nfkc (tests/goldens/make-unigram-training-goldens.sh):
/// the library writes the golden .model byte for byte, Tessera encodes the held-out split with it as spm_encode did,
/// and it compresses that split within 1% of the model spm_train learns with its defaults.
/// </summary>
public sealed class UnigramNmtNfkcTrainingTests
{
    private static string Folder => Path.Combine(TestPaths.Goldens, "unigram-nmt-training");

    private static string ModelFile => Path.Combine(Folder, "trained-unigram-4k-nmt.model");

    private static readonly Lazy<TrainedUnigram> s_trained = new(() => GoldenTrainingSplit.WithTrainingFile(file =>
    {
        var options = new UnigramTrainerOptions { VocabSize = 4000, NormalizationRule = "nmt_nfkc", Threads = 2 };
        string[] meta = [.. options.MetaPieces().Select(m => m.Piece)];
        SentencePieceWordCounter counts = PretokenCounting.CountWith([file], 2,
            () => new SentencePieceWordCounter(options.MaxSentenceLength, meta, new SkippedLines(), options.NormalizationRule));
        return new UnigramTrainer(options).Train(counts.Counts, counts.LineEnds);
    }));

    [Fact]
    public void WritesTheGoldenModel() => Assert.Equal(File.ReadAllBytes(ModelFile), s_trained.Value.ToModelProto());

    [Fact]
    public void EncodesHeldOutTextAsSpmEncodeDoes() =>
        GoldenTrainingSplit.AssertEncodesAsSpmEncode(SentencePieceTokenizer.Load(ModelFile), Path.Combine(Folder, "heldout-ids.txt"));

    [Fact]
    public void CompressesHeldOutTextWithinOnePercentOfSpmTrainsDefaults()
    {
        long spm = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "spm-unigram-4k-nmt.json"))).RootElement.GetProperty("heldout_tokens").GetInt64();
        SentencePieceTokenizer model = SentencePieceTokenizer.Load(ModelFile);
        long ours = GoldenTrainingSplit.HeldOutLines.Sum(line => (long)model.EncodeToIds(line).Length);
        Assert.InRange(Math.Abs(ours - spm) / (double)spm, 0, 0.01);
    }

    [Fact]
    public void NormalizesBeforeCountingAndWritesTheRule()
    {
        var counter = new SentencePieceWordCounter(4192, [], new SkippedLines(), "nmt_nfkc");
        counter.Add("ｆｕｌｌ\twidth ﬁne\u200Bline ～\n"u8);
        string[] expected = ["▁full", "▁width", "▁fine", "▁line", "▁～"]; // fullwidth tilde: left as it is
        Assert.Equal(expected.Order(StringComparer.Ordinal), counter.Counts.Keys.Order(StringComparer.Ordinal));
        string json = s_trained.Value.ToJson();
        Assert.Contains("\"Precompiled\"", json);
        Assert.Equal(s_trained.Value.ToTokenizer().EncodeToIds("ｆｕｌｌ width").ToArray(), SentencePieceTokenizer.Load(ModelFile).EncodeToIds("ｆｕｌｌ width"));
    }

    [Fact]
    public void RefusesARuleItCannotBuild()
    {
        var error = Assert.Throws<ArgumentException>(() => new UnigramTrainer(new UnigramTrainerOptions { NormalizationRule = "nfc" }).Train(new Dictionary<string, long> { ["▁a"] = 1 }));
        Assert.Contains("unknown normalization rule 'nfc'", error.Message);
        Assert.Throws<ArgumentException>(() => new SentencePieceWordCounter(4192, [], new SkippedLines(), "nmt_nfkc_cf"));
    }
}
