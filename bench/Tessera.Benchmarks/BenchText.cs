using System.Text;
using System.Text.Json;

namespace Tessera.Benchmarks;

/// <summary>
/// Benchmark text: real English prose from the conformance inputs (tests/Tessera.Tests/Goldens/inputs/prose-en.jsonl,
/// samples of shared/corpus en-prose), or the file named by TESSERA_BENCH_CORPUS.
/// </summary>
internal static class BenchText
{
    private static readonly Lazy<byte[]> s_corpus = new(Load);

    public static byte[] Corpus => s_corpus.Value;

    /// <summary>
    /// <paramref name="count"/> distinct slices of about <paramref name="size"/> bytes, cut on line starts, so that a
    /// benchmark can feed every operation text it has not seen (cold) or the same text again (warm).
    /// </summary>
    public static byte[][] Slices(int size, int count)
    {
        byte[] corpus = Corpus;
        var slices = new byte[count][];
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            if (at + size > corpus.Length) at = 0;
            int end = Math.Min(corpus.Length, at + size);
            while (end < corpus.Length && (corpus[end] & 0xC0) == 0x80) end++; // whole characters
            slices[i] = corpus[at..end];
            at = end;
        }
        return slices;
    }

    private static byte[] Load()
    {
        string? file = Environment.GetEnvironmentVariable("TESSERA_BENCH_CORPUS");
        if (file is not null)
            return File.ReadAllBytes(file);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "tests", "Tessera.Tests", "Goldens", "inputs", "prose-en.jsonl");
            if (File.Exists(path))
                return Encoding.UTF8.GetBytes(string.Join("\n", File.ReadLines(path).Select(l => JsonSerializer.Deserialize<string>(l))));
        }
        throw new FileNotFoundException("No benchmark corpus: set TESSERA_BENCH_CORPUS or run from the repository.");
    }
}
