using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>
/// Byte-level BPE written as tiktoken files (tests/goldens/make-tiktoken-training-goldens.sh): what Tessera writes for
/// the training split is the golden file, and tiktoken (npm 1.0.22) loading that file with its settings encoded each
/// held-out line as Tessera does.
/// </summary>
public sealed class TiktokenTrainingTests
{
    private static string Folder => Path.Combine(TestPaths.Goldens, "tiktoken-training");

    private static string RankFile => Path.Combine(Folder, "trained-2k.tiktoken");

    [Fact]
    public void WritesTheGoldenFiles()
    {
        TrainedBpe trained = GoldenTrainingSplit.WithTrainingFile(file => new BpeTrainer(new BpeTrainerOptions
        {
            VocabSize = 2000,
            SpecialTokens = ["<|endoftext|>"],
            InitialAlphabet = BpeTrainerOptions.ByteAlphabet,
        }).Train(PretokenCounting.ByteLevel([file], 2)));
        Assert.Equal(File.ReadAllBytes(RankFile), TiktokenFiles.Ranks(trained));
        Assert.Equal(File.ReadAllText(RankFile + TiktokenFiles.SettingsSuffix), TiktokenFiles.Settings(trained, "trained-2k"));
    }

    [Fact]
    public void EncodesHeldOutTextAsTiktokenDoes()
    {
        TiktokenTokenizer tokenizer = TiktokenFiles.Load(RankFile);
        string[] expected = File.ReadAllLines(Path.Combine(Folder, "heldout-ids.txt"));
        string[] lines = GoldenTrainingSplit.HeldOutLines;
        Assert.Equal(expected.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
            Assert.True(expected[i] == string.Join(' ', tokenizer.Encode(lines[i], SpecialTokenPolicy.Ordinary)), $"line {i + 1}: {lines[i]}");
        Assert.Equal([0], tokenizer.Encode("<|endoftext|>", SpecialTokenPolicy.AllowAll));
    }

    [Fact]
    public void SettingsFileErrorsNameTheFile()
    {
        string folder = Directory.CreateTempSubdirectory("tessera-tiktoken-").FullName;
        try
        {
            string ranks = Path.Combine(folder, "x.tiktoken");
            File.Copy(RankFile, ranks);
            File.WriteAllText(ranks + TiktokenFiles.SettingsSuffix, "{\"special_tokens\": {}}");
            var error = Assert.Throws<TokenizerFormatException>(() => TiktokenFiles.Load(ranks));
            Assert.Contains("x.tiktoken.json: expected a string \"pat_str\"", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
