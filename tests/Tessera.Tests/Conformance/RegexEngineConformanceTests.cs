using System.Text.Json;

namespace Tessera.Tests.Conformance;

/// <summary>
/// The general path (any pattern, run by the code-point regex engine) gives tiktoken's ids: the built-in encodings with
/// their patterns forced onto the engine, and patterns of our own (Goldens/custom-patterns.json: lookbehind, atomic
/// groups, lazy quantifiers, scripts, multi-line anchors, a pattern that leaves text unmatched) loaded through the
/// public <see cref="TiktokenTokenizer.Load"/> over cl100k_base's ranks, against hashes tiktoken produced.
/// </summary>
public sealed class RegexEngineConformanceTests
{
    private static readonly string[] s_patterns =
        JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(TestPaths.Goldens, "custom-patterns.json")))!;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, TiktokenTokenizer> s_custom = new();

    public static TheoryData<string, string> BuiltInCases() => TiktokenConformanceTests.Cases();

    [Theory]
    [MemberData(nameof(BuiltInCases))]
    public void BuiltInPatternsOnTheRegexEngineMatchTiktoken(string encoding, string input) =>
        GoldenFiles.AssertEncodesLikeTiktoken(TiktokenTokenizer.LoadWithRegexEngine(encoding), encoding, input, encoding + " (regex engine)");

    public static TheoryData<int, string> CustomCases()
    {
        var data = new TheoryData<int, string>();
        for (int p = 0; p < s_patterns.Length; p++)
            foreach (string input in GoldenFiles.InputNames())
                data.Add(p, input);
        return data;
    }

    [Theory]
    [MemberData(nameof(CustomCases))]
    public void CustomPatternsMatchTiktoken(int pattern, string input)
    {
        TiktokenTokenizer tokenizer = s_custom.GetOrAdd(pattern,
            p => TiktokenTokenizer.Load(TestPaths.TiktokenAsset("cl100k_base"), s_patterns[p], name: "custom"));
        List<string> documents = GoldenFiles.Documents(input);
        string[] expected = File.ReadAllLines(Path.Combine(TestPaths.Goldens, "tiktoken", "custom", $"pattern-{pattern}", input + ".hashes"));
        Assert.Equal(documents.Count, expected.Length);
        var differing = new List<int>();
        for (int i = 0; i < documents.Count; i++)
        {
            if (CodePointSweep.Hash(tokenizer.Encode(documents[i], SpecialTokenPolicy.Ordinary)) != expected[i])
                differing.Add(i + 1);
        }
        Assert.True(differing.Count == 0,
            $"pattern {pattern} ({s_patterns[pattern]}), {input}: documents differ from tiktoken: {string.Join(", ", differing.Take(20))}");
    }
}
