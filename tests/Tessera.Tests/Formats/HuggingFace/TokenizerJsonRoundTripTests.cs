using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>Load, save, load gives a tokenizer that encodes every golden document as the first one does.</summary>
public sealed class TokenizerJsonRoundTripTests
{
    public static TheoryData<string> Models() => ["llama3", "mistral7b", "gpt4o"];

    [Theory]
    [MemberData(nameof(Models))]
    public void SavedTokenizerEncodesAsTheOriginal(string model)
    {
        Tokenizer original = HuggingFaceGoldens.Load(model);
        string path = Path.Combine(Path.GetTempPath(), $"tessera-roundtrip-{model}-{Environment.ProcessId}.json");
        try
        {
            original.Save(path);
            Tokenizer reloaded = Tokenizer.Load(path);

            Assert.Equal(original.VocabularySize, reloaded.VocabularySize);
            Assert.Equal(original.DescribePipeline(), reloaded.DescribePipeline());
            foreach (string document in GoldenFiles.Documents("multilingual").Take(200).Concat(GoldenFiles.Documents("special-tokens")))
            {
                Assert.Equal(original.Encode(document).Ids, reloaded.Encode(document).Ids);
                Assert.Equal(original.Encode(document).Offsets, reloaded.Encode(document).Offsets);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveLeavesNoTemporaryFile()
    {
        string folder = Directory.CreateTempSubdirectory("tessera-save").FullName;
        try
        {
            HuggingFaceGoldens.Load("gpt4o").Save(Path.Combine(folder, "tokenizer.json"));

            Assert.Equal(["tokenizer.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
