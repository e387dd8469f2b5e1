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
        List<string> failures = HuggingFaceGoldens.Failures(HuggingFaceGoldens.Load(name), name, input);
        Assert.True(failures.Count == 0, $"{name}: {string.Join("\n", failures)}");
    }
}
