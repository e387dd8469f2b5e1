using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Normalizers;
using Tessera.Tests.Conformance;
using Tessera.Text;

namespace Tessera.Tests.Normalizers;

/// <summary>
/// The normalizer sweep of tests/goldens/normalizer-sweep.mjs: every code point in contexts that exercise
/// normalization, in blocks of 4096, through a carrier tokenizer whose tokens are the normalized text's bytes and whose
/// offsets are their alignments. Both sides build identical documents.
/// </summary>
internal static class NormalizerSweep
{
    public const int Block = 4096;
    public const int Blocks = 0x110000 / Block;

    public static string Document(int block)
    {
        var doc = new StringBuilder(Block * 16);
        for (int cp = block * Block; cp < (block + 1) * Block; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
                continue;
            string c = char.ConvertFromUtf32(cp);
            doc.Append(c).Append("|x").Append(c).Append("\u0301|\u0345").Append(c).Append("\u0334|").Append(Decompose(c)).Append('|');
        }
        return doc.ToString();
    }

    /// <summary>
    /// A tokenizer.json around <paramref name="normalizerJson"/>: byte-fallback BPE over the 256 byte tokens, no merges,
    /// after a split at each "|" (short words for the model; no token changes).
    /// </summary>
    public static string Carrier(string normalizerJson)
    {
        var vocab = new StringBuilder();
        for (int b = 0; b < 256; b++)
            vocab.Append(b == 0 ? "" : ",").Append($"\"<0x{b:X2}>\":{b}");
        return $$$"""
            {"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":{{{normalizerJson}}},
             "pre_tokenizer":{"type":"Split","pattern":{"String":"|"},"behavior":"Isolated","invert":false},
             "post_processor":null,"decoder":null,
             "model":{"type":"BPE","dropout":null,"unk_token":null,"continuing_subword_prefix":null,"end_of_word_suffix":null,
                      "fuse_unk":false,"byte_fallback":true,"ignore_merges":false,"vocab":{{{{vocab}}}},"merges":[]}}
            """;
    }

    private static string Decompose(string c)
    {
        var text = new NormalizedString(c);
        new NfdNormalizer().Normalize(text);
        return text.NormalizedText;
    }
}

/// <summary>
/// All 1,112,064 scalar values normalize to Hugging Face's text with Hugging Face's alignments, per normalizer. The
/// carrier's tokens are computed straight from the normalized string (byte values as ids, each byte's alignment as
/// offsets), which is what the carrier tokenizer gives, without running its model over 4,096-character words.
/// </summary>
public sealed class NormalizerSweepTests
{
    private static readonly Lazy<string[]> s_documents = new(() =>
    {
        var documents = new string[NormalizerSweep.Blocks];
        Parallel.For(0, NormalizerSweep.Blocks, block => documents[block] = NormalizerSweep.Document(block));
        return documents;
    });

    private static string Folder => Path.Combine(TestPaths.Goldens, "hf-normalizers");

    public static TheoryData<string> Normalizers() =>
        [.. Directory.EnumerateFiles(Folder, "*.hashes").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Normalizers))]
    public void EveryCodePointMatchesHuggingFace(string name)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, name + ".hashes"));
        using JsonDocument json = JsonDocument.Parse(lines[0]);
        INormalizer normalizer = NormalizerJson.Read(new JsonObject(TestJson.Node(json.RootElement), name, "normalizer"));
        Assert.Equal(NormalizerSweep.Blocks, lines.Length - 1);
        string[] documents = s_documents.Value;
        var failed = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, NormalizerSweep.Blocks, block =>
        {
            if (Hashes(normalizer, documents[block]) != lines[block + 1])
                failed.Add(block);
        });
        Assert.True(failed.IsEmpty, $"{name} ({lines[0]}): blocks differ from Hugging Face: " +
            string.Join(", ", failed.Order().Take(20).Select(b => $"U+{b * NormalizerSweep.Block:X4}..U+{b * NormalizerSweep.Block + NormalizerSweep.Block - 1:X4}")));
    }

    /// <summary>The hashes of the carrier's ids and code-point offsets for <paramref name="document"/>.</summary>
    internal static string Hashes(INormalizer normalizer, string document)
    {
        var text = new NormalizedString(document);
        normalizer.Normalize(text);
        var chars = new CharIndex(document);
        var ids = new int[text.Length];
        var offsets = new int[2 * text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            ids[i] = text.Normalized[i];
            (offsets[2 * i], offsets[2 * i + 1]) = chars.Of(text.Alignments[i]);
        }
        return CodePointSweep.Hash(ids) + " " + CodePointSweep.Hash(offsets);
    }
}
