using System.Text.Json;

namespace Tessera.Tests.Conformance;

/// <summary>Ids and offsets identical to Hugging Face tokenizers (Rust) on every golden input, for every case.</summary>
public sealed class HuggingFaceConformanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach ((string name, string input) in HuggingFaceGoldens.Pairs())
            data.Add(name, input);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IdsAndOffsetsMatchHuggingFace(string name, string input)
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load(name);
        List<string> documents = GoldenFiles.Documents(input);
        List<string[]> expected = HuggingFaceGoldens.Hashes(name, input);
        var failures = new List<string>();
        for (int i = 0; i < expected.Count && failures.Count < 5; i++)
        {
            string document = documents[i];
            TokenEncoding plain = tokenizer.Encode(document, addSpecialTokens: false, matchSpecialTokens: false);
            TokenEncoding full = tokenizer.Encode(document, addSpecialTokens: true, matchSpecialTokens: true);
            string[] actual =
            [
                CodePointSweep.Hash([.. plain.Ids]), HuggingFaceGoldens.OffsetsHash(plain.Offsets),
                CodePointSweep.Hash([.. full.Ids]), HuggingFaceGoldens.OffsetsHash(full.Offsets),
            ];
            string[] what = ["ids", "offsets", "ids (special tokens matched and added)", "offsets (special tokens matched and added)"];
            for (int k = 0; k < 4; k++)
            {
                if (expected[i][k] != actual[k])
                {
                    string snippet = document.Length > 80 ? document[..80] + "..." : document;
                    failures.Add($"{input} #{i + 1}: {what[k]} differ: {JsonSerializer.Serialize(snippet)}");
                    break;
                }
            }
        }
        Assert.True(failures.Count == 0, $"{name}: {string.Join("\n", failures)}");
    }
}
