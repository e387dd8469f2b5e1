using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// GPT-2's vocab.json + merges.txt loaded as Hugging Face's <c>ByteLevelBPETokenizer</c> builds it. Conformance on every
/// golden input is the gpt2-vocab-merges case of <see cref="HuggingFaceConformanceTests"/> and <see cref="HuggingFaceDecodeTests"/>.
/// </summary>
public sealed class VocabMergesReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-vocab-merges-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string CaseFolder => Path.Combine(HuggingFaceGoldens.Root, "cases", "gpt2-vocab-merges", "folder");

    [Fact]
    public void TheFolderGivesThePipelineHuggingFaceBuildsFromIt()
    {
        // The case's tokenizer.json is Hugging Face's own serialization of what it built from the same files
        // (tests/goldens/make-hf-folder-cases.mjs): BPE, ByteLevel pre-tokenizer, decoder and post-processor.
        string saved = Path.Combine(_folder, "tokenizer.json");
        Tokenizer tokenizer = Tokenizer.Load(CaseFolder);
        tokenizer.Save(saved);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse(File.ReadAllText(HuggingFaceGoldens.TokenizerPath("gpt2-vocab-merges"))), JsonNode.Parse(File.ReadAllText(saved))));
        Assert.True(tokenizer.IsLowered);
    }

    [Fact]
    public void AMergeOfAMissingTokenNamesItsLine()
    {
        File.WriteAllText(Path.Combine(_folder, "vocab.json"), """{"a": 0, "b": 1, "ab": 2}""");
        string merges = Path.Combine(_folder, "merges.txt");
        File.WriteAllText(merges, "#version: 0.2\na b\nab c\n", Encoding.UTF8);
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.Load(_folder));
        Assert.Equal(merges, e.FilePath);
        Assert.Equal(3, e.LineNumber);
    }
}
