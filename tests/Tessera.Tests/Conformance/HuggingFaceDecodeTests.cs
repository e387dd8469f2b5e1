using System.Text;
using System.Text.Json;

namespace Tessera.Tests.Conformance;

/// <summary>
/// Decoding identical to Hugging Face tokenizers (Rust), against Goldens/hf/CASE/decode/*.hashes
/// (tests/goldens/make-hf-decode-goldens.mjs): every golden document's ids decoded with and without special tokens,
/// and its first ids stream-decoded one at a time; and random id sequences (unknown ids, repeats and broken UTF-8 included).
/// </summary>
public sealed class HuggingFaceDecodeTests
{
    /// <summary>How many ids of a document the stream decodes (STREAM_IDS in the generator).</summary>
    private const int StreamIds = 256;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        if (!Directory.Exists(HuggingFaceGoldens.Root))
            return data;
        foreach (string folder in Directory.EnumerateDirectories(HuggingFaceGoldens.Root).Order(StringComparer.Ordinal))
        {
            string decode = Path.Combine(folder, "decode");
            if (Directory.Exists(decode))
                foreach (string file in Directory.EnumerateFiles(decode, "*.hashes").Order(StringComparer.Ordinal))
                    data.Add(Path.GetFileName(folder), Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodingMatchesHuggingFace(string name, string input)
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load(name);
        string[] lines = [.. File.ReadLines(Path.Combine(HuggingFaceGoldens.Root, name, "decode", input + ".hashes")).Where(l => l.Length > 0)];
        var failures = new List<string>();
        int skipped = 0;
        if (input == "random")
        {
            int vocabularySize = int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture);
            for (int i = 1; i < lines.Length && failures.Count < 5; i++)
            {
                int[] ids = RandomIds(i - 1, vocabularySize);
                if (Check(tokenizer, ids, lines[i].Split(' ')) is { } what)
                    failures.Add($"random #{i - 1} [{string.Join(' ', ids)}]: {what}");
            }
        }
        else
        {
            List<string> documents = GoldenFiles.Documents(input);
            for (int i = 0; i < lines.Length && failures.Count < 5; i++)
            {
                string[] expected = lines[i].Split(' ');
                int[] ids = tokenizer.EncodeToIds(documents[i]);
                if (CodePointSweep.Hash(ids) != expected[0])
                {
                    skipped++; // the ids differ from Hugging Face's: HuggingFaceConformanceTests reports that
                    continue;
                }
                if (Check(tokenizer, ids, expected[1..]) is { } what)
                    failures.Add($"{input} #{i + 1} {JsonSerializer.Serialize(documents[i].Length > 60 ? documents[i][..60] + "..." : documents[i])}: {what}");
            }
        }
        Assert.True(failures.Count == 0, $"{name} {input} ({skipped} documents not decoded: their ids differ):\n{string.Join("\n", failures)}");
        Assert.True(skipped * 10 <= lines.Length, $"{name} {input}: {skipped} of {lines.Length} documents encode to ids other than Hugging Face's");
    }

    /// <summary>What differs from the hashes "SKIP KEEP [STREAMSKIP STREAMKEEP]", or null.</summary>
    private static string? Check(Tokenizer tokenizer, int[] ids, string[] expected)
    {
        string skip = tokenizer.Decode(ids, skipSpecialTokens: true), keep = tokenizer.Decode(ids, skipSpecialTokens: false);
        if (TextHash(skip) != expected[0])
            return $"decode (special tokens skipped) gives {JsonSerializer.Serialize(skip)}";
        if (TextHash(keep) != expected[1])
            return $"decode (special tokens kept) gives {JsonSerializer.Serialize(keep)}";
        for (int k = 2; k < expected.Length; k++)
        {
            List<string?> chunks = Stream(tokenizer, ids[..Math.Min(ids.Length, StreamIds)], skipSpecialTokens: k == 2, out bool failed);
            if (StreamHash(chunks, failed) != expected[k])
                return $"stream decode ({(k == 2 ? "skipping" : "keeping")} special tokens) gives {JsonSerializer.Serialize(chunks)}{(failed ? " then an error" : "")}";
        }
        return null;
    }

    /// <summary>The chunks a stream returns for the ids one at a time, stopping at an error.</summary>
    internal static List<string?> Stream(Tokenizer tokenizer, int[] ids, bool skipSpecialTokens, out bool failed)
    {
        DecodeStream stream = tokenizer.CreateDecodeStream(skipSpecialTokens);
        var chunks = new List<string?>();
        failed = false;
        foreach (int id in ids)
        {
            try
            {
                chunks.Add(stream.Step(id));
            }
            catch (InvalidOperationException)
            {
                failed = true;
                break;
            }
        }
        return chunks;
    }

    internal static string TextHash(string text) => CodePointSweep.Hash([.. Encoding.UTF8.GetBytes(text).Select(b => (int)b)]);

    /// <summary>As streamHash in make-hf-decode-goldens.mjs: null is -1, a chunk its UTF-8 bytes then -2, an error -3.</summary>
    private static string StreamHash(List<string?> chunks, bool failed)
    {
        var flat = new List<int>();
        foreach (string? chunk in chunks)
        {
            if (chunk is null)
                flat.Add(-1);
            else
            {
                flat.AddRange(Encoding.UTF8.GetBytes(chunk).Select(b => (int)b));
                flat.Add(-2);
            }
        }
        if (failed)
            flat.Add(-3);
        return CodePointSweep.Hash([.. flat]);
    }

    /// <summary>As randomIds in make-hf-decode-goldens.mjs (xorshift32).</summary>
    internal static int[] RandomIds(int sequence, int vocabularySize)
    {
        uint x = (uint)((ulong)(sequence + 1) * 0x9e3779b1);
        if (x == 0)
            x = 1;
        uint Next()
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            return x;
        }
        int length = 1 + (int)(Next() % 48);
        var ids = new int[length];
        for (int i = 0; i < length; i++)
            ids[i] = i > 0 && Next() % 4 == 0 ? ids[i - 1] : (int)(Next() % (uint)(vocabularySize + 8));
        return ids;
    }
}
