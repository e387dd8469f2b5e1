using System.Text.Json;
using Tessera.Training;
using Tessera.Training.Unigram;

namespace Tessera.Tests.Training;

/// <summary>
/// The unigram trainer against spm_train: on the documents of tests/goldens/make-unigram-training-goldens.sh (the BPE
/// training golden's prose, code, multilingual and line documents, every tenth held out), Tessera's model and
/// spm_train's (identity normalization, vocabulary 4,000) encode the held-out documents in token counts within 1% of
/// each other; both models load in Tessera, which encodes spm_train's as spm_encode did.
/// </summary>
public sealed class UnigramTrainerConformanceTests
{
    private static string Folder => Path.Combine(TestPaths.Goldens, "unigram-training");

    private static readonly Lazy<TrainedUnigram> s_trained = new(() => Train(threads: 2));

    private static JsonElement Meta() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "spm-unigram-4k.json"))).RootElement;

    private static TrainedUnigram Train(int threads) => GoldenTrainingSplit.WithTrainingFile(file =>
    {
        SentencePieceWordCounter counts = PretokenCounting.CountWith([file], threads, () => new SentencePieceWordCounter(4192, ["<unk>", "<s>", "</s>"], new SkippedLines()));
        return new UnigramTrainer(new UnigramTrainerOptions { VocabSize = 4000, Threads = threads }).Train(counts.Counts, counts.LineEnds);
    });

    /// <summary>spm_encode's way of reading the held-out text: a line at a time, without its line feed.</summary>
    private static long TokensOf(SentencePieceTokenizer tokenizer) =>
        GoldenTrainingSplit.HeldOutLines.Sum(line => (long)tokenizer.EncodeToIds(line).Length);

    [Fact]
    public void TesseraEncodesSpmTrainsModelAsSpmEncodeDid()
    {
        var spm = SentencePieceTokenizer.Load(Path.Combine(Folder, "spm-unigram-4k.model"));
        Assert.Equal(Meta().GetProperty("heldout_tokens").GetInt64(), TokensOf(spm));
    }

    [Fact]
    public void CompressesHeldOutTextWithinOnePercentOfSpmTrain()
    {
        long spm = Meta().GetProperty("heldout_tokens").GetInt64();
        long tessera = TokensOf(s_trained.Value.ToSentencePiece());
        Assert.InRange(Math.Abs(tessera - spm) / (double)spm, 0, 0.01);
    }

    [Fact]
    public void LearnsTheVocabularySizeWithMetaPiecesFirst()
    {
        IReadOnlyList<(string Piece, float Score)> pieces = s_trained.Value.Pieces;
        Assert.Equal(4000, pieces.Count);
        Assert.Equal(["<unk>", "<s>", "</s>"], pieces.Take(3).Select(p => p.Piece));
        Assert.Equal(pieces.Count, pieces.Select(p => p.Piece).Distinct().Count());
        Assert.True(pieces.Skip(3).Zip(pieces.Skip(4)).All(p => p.First.Score >= p.Second.Score), "pieces are best first");
    }

    [Fact]
    public void DoesNotDependOnTheThreadCount()
    {
        Assert.Equal(s_trained.Value.ToModelProto(), Train(threads: 1).ToModelProto());
    }

    [Fact]
    public void ModelAndTokenizerJsonHoldEveryPieceAndDecodeWhatTheyEncode()
    {
        SentencePieceTokenizer model = s_trained.Value.ToSentencePiece();
        Tokenizer json = s_trained.Value.ToTokenizer();
        Assert.Equal(4000, model.VocabularySize);
        Assert.Equal(4000, json.VocabularySize);
        foreach (string line in GoldenTrainingSplit.HeldOutLines.Take(300))
        {
            string spaced = string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (spaced.All(c => c >= ' ' && c < 0x7F))
            {
                Assert.Equal(spaced, model.Decode(model.EncodeToIds(line)));
                Assert.Equal(spaced, json.Decode(json.EncodeToIds(line, addSpecialTokens: false, matchSpecialTokens: false)));
            }
        }
    }
}
