using System.Text.Json;

namespace Tessera.Tests.Conformance;

/// <summary>Reads the conformance inputs (JSON string per line) and the ids tiktoken produced for them.</summary>
internal static class GoldenFiles
{
    public static IEnumerable<string> InputNames() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Goldens, "inputs"), "*.jsonl").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static List<string> Documents(string input) =>
        [.. File.ReadLines(Path.Combine(TestPaths.Goldens, "inputs", input + ".jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<string>(line)!)];

    public static List<int[]> Ids(string encoding, string file) =>
        [.. File.ReadLines(Path.Combine(TestPaths.Goldens, "tiktoken", encoding, file))
            .Select(line => line.Length == 0 ? [] : line.Split(' ').Select(int.Parse).ToArray())];

    /// <summary>Every document of <paramref name="input"/> encodes (special tokens as text) to tiktoken's golden ids.</summary>
    public static void AssertEncodesLikeTiktoken(TiktokenTokenizer tokenizer, string encoding, string input, string label)
    {
        List<string> documents = Documents(input);
        List<int[]> expected = Ids(encoding, input + ".ids");
        Assert.Equal(documents.Count, expected.Count);
        for (int i = 0; i < documents.Count; i++)
            AssertSameIds(expected[i], tokenizer.Encode(documents[i], SpecialTokenPolicy.Ordinary), $"{label} {input} #{i + 1}", documents[i]);
    }

    /// <summary>Asserts equality, naming the document and the first differing position.</summary>
    public static void AssertSameIds(int[] expected, int[] actual, string what, string document)
    {
        if (expected.AsSpan().SequenceEqual(actual))
            return;
        int at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at]) at++;
        string snippet = document.Length > 80 ? document[..80] + "..." : document;
        Assert.Fail($"{what}: ids differ at token {at} (expected {expected.Length} ids, got {actual.Length}).\n" +
                    $"text: {JsonSerializer.Serialize(snippet)}\n" +
                    $"expected: {string.Join(' ', expected.Skip(Math.Max(0, at - 3)).Take(10))}\n" +
                    $"actual:   {string.Join(' ', actual.Skip(Math.Max(0, at - 3)).Take(10))}");
    }
}
