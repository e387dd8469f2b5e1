using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Tessera.Tests.Conformance;

/// <summary>
/// Ids identical to <c>spm_encode</c> and text identical to <c>spm_decode</c> (SentencePiece 0.1.97) for every model in
/// Goldens/spm (trained by tests/goldens/make-spm-goldens.sh), on every golden input, on lines of malformed UTF-8, and
/// on random id sequences. spm_encode reads one sentence per line, so a document is encoded line by line (split at
/// "\n") and its ids concatenated, as the goldens were made.
/// </summary>
public sealed class SentencePieceConformanceTests
{
    private static readonly ConcurrentDictionary<string, SentencePieceTokenizer> s_models = new();

    private static string Root => Path.Combine(TestPaths.Goldens, "spm");

    internal static SentencePieceTokenizer Model(string name) =>
        s_models.GetOrAdd(name, n => SentencePieceTokenizer.Load(Path.Combine(Root, n + ".model")));

    private static List<string> ModelNames() =>
        [.. Directory.EnumerateFiles(Root, "*.model").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (string model in ModelNames())
            data.Add(model);
        return data;
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string model in ModelNames())
            foreach (string input in GoldenFiles.InputNames())
                data.Add(model, input);
        return data;
    }

    [Fact]
    public void EveryModelHasGoldens()
    {
        Assert.True(ModelNames().Count >= 10, "the spm models are missing: run tests/goldens/make-spm-goldens.sh");
        foreach (string model in ModelNames())
            foreach (string input in GoldenFiles.InputNames())
                Assert.True(File.Exists(Path.Combine(Root, model, input + ".hashes")), $"{model}/{input}.hashes is missing");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IdsAndDecodingMatchSentencePiece(string model, string input)
    {
        SentencePieceTokenizer tokenizer = Model(model);
        List<string> documents = GoldenFiles.Documents(input);
        string[] expected = [.. File.ReadLines(Path.Combine(Root, model, input + ".hashes")).Where(l => l.Length > 0)];
        Assert.Equal(documents.Count, expected.Length);
        var failures = new List<string>();
        for (int i = 0; i < documents.Count && failures.Count < 5; i++)
        {
            var ids = new List<int>();
            var decoded = new List<byte>();
            string[] lines = documents[i].Split('\n');
            for (int k = 0; k < lines.Length; k++)
            {
                int[] lineIds = tokenizer.EncodeToIds(lines[k]);
                ids.AddRange(lineIds);
                if (k > 0)
                    decoded.Add((byte)'\n');
                decoded.AddRange(tokenizer.DecodeToBytes(lineIds));
            }
            string[] want = expected[i].Split(' ');
            string snippet = JsonSerializer.Serialize(documents[i].Length > 80 ? documents[i][..80] + "..." : documents[i]);
            if (CodePointSweep.Hash([.. ids]) != want[0])
                failures.Add($"{input} #{i + 1}: ids differ: {snippet}");
            else if (CodePointSweep.Hash([.. decoded.Select(b => (int)b)]) != want[1])
                failures.Add($"{input} #{i + 1}: decoded text differs: {snippet}");
        }
        Assert.True(failures.Count == 0, $"{model}: {string.Join("\n", failures)}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void MalformedUtf8LinesMatchSentencePiece(string model)
    {
        SentencePieceTokenizer tokenizer = Model(model);
        (List<byte[]> lines, string[] expected) = RawLines(model);
        for (int i = 0; i < lines.Count; i++)
            Assert.True(expected[i] == string.Join(' ', tokenizer.EncodeToIds(lines[i])),
                $"{model} raw line {i + 1} ({Convert.ToHexString(lines[i])}): expected {expected[i]}, got {string.Join(' ', tokenizer.EncodeToIds(lines[i]))}");
    }

    /// <summary>The lines of malformed UTF-8 and spm_encode's ids for each, with <paramref name="model"/>.</summary>
    private static (List<byte[]> Lines, string[] Expected) RawLines(string model)
    {
        List<byte[]> lines = SplitLines(File.ReadAllBytes(Path.Combine(Root, "raw-lines.bin")));
        string[] expected = File.ReadAllLines(Path.Combine(Root, model, "raw-lines.ids"));
        Assert.Equal(lines.Count, expected.Length);
        return (lines, expected);
    }

    /// <summary>The ids written into a caller's buffer are spm_encode's; a buffer one short takes the first ones and says so.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void IdsIntoABufferMatchSentencePiece(string model)
    {
        SentencePieceTokenizer tokenizer = Model(model);
        (List<byte[]> lines, string[] expected) = RawLines(model);
        Span<int> buffer = new int[4096];
        for (int i = 0; i < lines.Count; i++)
        {
            int[] want = expected[i].Length == 0 ? [] : [.. expected[i].Split(' ').Select(int.Parse)];
            Assert.Equal(System.Buffers.OperationStatus.Done, tokenizer.EncodeToIds(lines[i], buffer, out int written));
            Assert.Equal(want, buffer[..written].ToArray());
            if (want.Length == 0)
                continue;
            Assert.Equal(System.Buffers.OperationStatus.DestinationTooSmall, tokenizer.EncodeToIds(lines[i], buffer[..(want.Length - 1)], out written));
            Assert.Equal(want[..^1], buffer[..written].ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void LongLineMatchesSentencePiece(string model)
    {
        // About 150 KB in one line: path scores reach about -100,000, where a float's step is 0.008.
        byte[] line = File.ReadAllBytes(Path.Combine(Root, "long-line.txt"));
        string expected = File.ReadAllText(Path.Combine(Root, model, "long-line.hash")).Trim();
        Assert.Equal(expected, CodePointSweep.Hash(Model(model).EncodeToIds(line)));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void RandomIdsDecodeLikeSentencePiece(string model)
    {
        SentencePieceTokenizer tokenizer = Model(model);
        string[] sequences = File.ReadAllLines(Path.Combine(Root, model, "decode.ids"));
        string[] expected = File.ReadAllLines(Path.Combine(Root, model, "decode.hashes"));
        Assert.Equal(sequences.Length, expected.Length);
        for (int i = 0; i < sequences.Length; i++)
        {
            int[] ids = [.. sequences[i].Split(' ').Select(int.Parse)];
            byte[] text = tokenizer.DecodeToBytes(ids);
            Assert.True(expected[i] == CodePointSweep.Hash([.. text.Select(b => (int)b)]),
                $"{model}: ids {sequences[i]} decode to {JsonSerializer.Serialize(Encoding.UTF8.GetString(text))}");
        }
    }

    /// <summary>Lines as spm_encode reads them: split at "\n", a final "\n" ending the last line.</summary>
    internal static List<byte[]> SplitLines(byte[] data)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == (byte)'\n')
            {
                lines.Add(data[start..i]);
                start = i + 1;
            }
        }
        if (start < data.Length)
            lines.Add(data[start..]);
        return lines;
    }
}
