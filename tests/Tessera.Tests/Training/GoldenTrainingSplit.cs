using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tessera.Tests.Training;

/// <summary>
/// The corpus split of the training goldens (tests/goldens/training-split.mjs): the documents of prose-en, code,
/// multilingual and lines, each with a line feed, every tenth held out; checked against the SHA-256 sums the unigram
/// golden recorded.
/// </summary>
internal static class GoldenTrainingSplit
{
    private static readonly Lazy<(string Train, string HeldOut)> s_split = new(Build);

    /// <summary>The training text.</summary>
    public static string Train => s_split.Value.Train;

    /// <summary>The held-out text.</summary>
    public static string HeldOut => s_split.Value.HeldOut;

    /// <summary>The held-out text's lines, without their line feeds (as spm_encode and tiktoken-file-ids.mjs read them).</summary>
    public static string[] HeldOutLines => HeldOut.Split('\n')[..^1];

    /// <summary>
    /// Asserts that <paramref name="model"/> encodes each held-out line as spm_encode did (<paramref name="idsFile"/>:
    /// its ids, a line each, space-separated).
    /// </summary>
    public static void AssertEncodesAsSpmEncode(SentencePieceTokenizer model, string idsFile)
    {
        string[] expected = File.ReadAllLines(idsFile);
        string[] lines = HeldOutLines;
        Assert.Equal(expected.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
            Assert.True(expected[i] == string.Join(' ', model.EncodeToIds(lines[i])), $"line {i + 1}: {lines[i]}");
    }

    /// <summary>Writes the training text to a temporary file for <paramref name="use"/>, then deletes it.</summary>
    public static T WithTrainingFile<T>(Func<string, T> use)
    {
        string file = Path.Combine(Path.GetTempPath(), $"tessera-training-split-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(file, Train);
            return use(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (string, string) Build()
    {
        var documents = new List<string>();
        foreach (string part in new[] { "prose-en", "code", "multilingual", "lines" })
        {
            foreach (string line in File.ReadLines(Path.Combine(TestPaths.Goldens, "inputs", part + ".jsonl")))
            {
                if (line.Length > 0)
                    documents.Add(JsonSerializer.Deserialize<string>(line)!);
            }
        }
        string train = string.Concat(documents.Where((_, i) => i % 10 != 9).Select(d => d + "\n"));
        string heldOut = string.Concat(documents.Where((_, i) => i % 10 == 9).Select(d => d + "\n"));
        JsonElement meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Goldens, "unigram-training", "spm-unigram-4k.json"))).RootElement;
        Assert.Equal(meta.GetProperty("train_sha256").GetString(), Sha256(train));
        Assert.Equal(meta.GetProperty("heldout_sha256").GetString(), Sha256(heldOut));
        return (train, heldOut);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
