using System.Globalization;
using System.Text;
using Tessera.Formats.SentencePiece;
using Tessera.Models.SentencePiece;
using Tessera.Normalizers;
using Tessera.Tests.Conformance;
using Tessera.Tests.Models.SentencePiece;

namespace Tessera.Tests.Docs;

/// <summary>
/// The worked example of docs/algorithms/sentencepiece.md, recomputed from the models of Goldens/spm: the normalizer's
/// units, the unigram Viterbi table and the BPE merge steps (a naive merge: best score, leftmost first); the final ids
/// are spm_encode's (the example is a line of the raw-lines golden) and the tokenizer's.
/// </summary>
public sealed class SentencePieceExampleTests
{
    internal const string Example = "  \uFF28\uFF49\u3000\uFB01ne \U0001F980  ";
    private const string Document = "sentencepiece.md";

    /// <summary>Text in a code span; a space shows as ␣, other spaces and controls as U+XXXX.</summary>
    private static string Show(ReadOnlySpan<byte> utf8)
    {
        var text = new StringBuilder();
        foreach (Rune rune in Encoding.UTF8.GetString(utf8).EnumerateRunes())
        {
            if (rune.Value == ' ')
                text.Append('\u2423');
            else if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
                text.Append($"U+{rune.Value:X4}");
            else
                text.Append(rune.ToString());
        }
        return "`" + text + "`";
    }

    private static void AssertTable(string heading, List<string[]> computed)
    {
        List<string[]> documented = MarkdownTable.Rows(Document, heading);
        string expected = string.Join('\n', computed.Select(r => "| " + string.Join(" | ", r) + " |"));
        Assert.True(computed.Count == documented.Count && computed.Zip(documented).All(p => p.First.SequenceEqual(p.Second)),
            $"docs/algorithms/{Document}, '{heading}', differs from the computed table; it should read:\n{expected}");
    }

    private static int[] SpmIds(string model)
    {
        List<byte[]> lines = SentencePieceConformanceTests.SplitLines(File.ReadAllBytes(Path.Combine(TestPaths.Goldens, "spm", "raw-lines.bin")));
        int index = lines.FindIndex(l => l.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(Example)));
        Assert.True(index >= 0, "the example is a line of Goldens/spm/raw-lines.bin");
        string line = File.ReadAllLines(Path.Combine(TestPaths.Goldens, "spm", model, "raw-lines.ids"))[index];
        return [.. line.Split(' ').Select(int.Parse)];
    }

    private static (ModelProto, SentencePieceVocabulary) Load(string model)
    {
        string path = Path.Combine(TestPaths.Goldens, "spm", model + ".model");
        ModelProto proto = ModelProto.Parse(File.ReadAllBytes(path), path);
        return (proto, new SentencePieceVocabulary(proto, path));
    }

    private static byte[] Normalized()
    {
        byte[] output = [];
        int length = SentencePieceNormalizerTests.NormalizerOf("unigram-8k").Normalize(Encoding.UTF8.GetBytes(Example), ref output);
        return output[..length];
    }

    [Fact]
    public void NormalizationTable()
    {
        (ModelProto proto, _) = Load("unigram-8k");
        PrecompiledCharsMap map = PrecompiledCharsMap.TryParse(proto.NormalizerSpec.PrecompiledCharsmap, out _)!;
        SentencePieceNormalizer normalizer = SentencePieceNormalizerTests.NormalizerOf("unigram-8k");
        byte[] input = Encoding.UTF8.GetBytes(Example);
        var rows = new List<string[]>();
        for (int at = 0; at < input.Length;)
        {
            ReadOnlySpan<byte> output = normalizer.NormalizePrefix(input.AsSpan(at), out int consumed);
            string rule = map.LongestMatch(input.AsSpan(at), out _) > 0 ? "charsmap" : "copied";
            rows.Add([Show(input.AsSpan(at, consumed)), string.Join(' ', input.AsSpan(at, consumed).ToArray().Select(b => b.ToString("X2"))), rule, Show(output)]);
            at += consumed;
        }
        rows.Add(["result", "", "", Show(Normalized())]);
        AssertTable("### Normalization", rows);
    }

    [Fact]
    public void UnigramTable()
    {
        (_, SentencePieceVocabulary vocabulary) = Load("unigram-8k");
        byte[] text = Normalized();
        var best = new SentencePieceUnigram.Best[text.Length + 1];
        new SentencePieceUnigram(vocabulary).Viterbi(text, best);
        var rows = new List<string[]>();
        int chars = 0;
        var charAt = new Dictionary<int, int> { [0] = 0 };
        for (int end = 1; end <= text.Length; end++)
        {
            if (end < text.Length && (text[end] & 0xC0) == 0x80)
                continue;
            charAt[end] = ++chars;
            SentencePieceUnigram.Best b = best[end];
            rows.Add([chars.ToString(CultureInfo.InvariantCulture), Show(text.AsSpan(b.Start, end - b.Start)), b.Id.ToString(CultureInfo.InvariantCulture),
                charAt[b.Start].ToString(CultureInfo.InvariantCulture), b.Score.ToString("F4", CultureInfo.InvariantCulture)]);
        }
        int[] ids = SentencePieceConformanceTests.Model("unigram-8k").EncodeToIds(Example);
        Assert.Equal(SpmIds("unigram-8k"), ids);
        rows.Add(["ids", string.Join(' ', ids), "", "", ""]);
        AssertTable("### Unigram", rows);
    }

    [Fact]
    public void BpeTable()
    {
        (_, SentencePieceVocabulary vocabulary) = Load("bpe-8k-byte-fallback");
        byte[] text = Normalized();
        var parts = new List<(int Start, int End)>();
        for (int at = 0; at < text.Length; at += Utf8Rules.CharLength(text, at))
            parts.Add((at, at + Utf8Rules.CharLength(text, at)));
        var rows = new List<string[]>();
        string Parts() => string.Join(' ', parts.Select(p => Show(text.AsSpan(p.Start, p.End - p.Start))));
        for (int step = 0; ; step++)
        {
            int best = -1, bestId = -1;
            for (int i = 0; i + 1 < parts.Count; i++)
            {
                int id = vocabulary.Trie.ExactMatch(text.AsSpan(parts[i].Start, parts[i + 1].End - parts[i].Start));
                if (id >= 0 && (best < 0 || vocabulary.ScoreOf(id) > vocabulary.ScoreOf(bestId)))
                    (best, bestId) = (i, id);
            }
            if (best < 0)
                break;
            rows.Add([step.ToString(CultureInfo.InvariantCulture), Parts(),
                $"{Show(text.AsSpan(parts[best].Start, parts[best].End - parts[best].Start))} + {Show(text.AsSpan(parts[best + 1].Start, parts[best + 1].End - parts[best + 1].Start))} (score {vocabulary.ScoreOf(bestId).ToString(CultureInfo.InvariantCulture)})"]);
            parts[best] = (parts[best].Start, parts[best + 1].End);
            parts.RemoveAt(best + 1);
        }
        int[] ids = SentencePieceConformanceTests.Model("bpe-8k-byte-fallback").EncodeToIds(Example);
        Assert.Equal(SpmIds("bpe-8k-byte-fallback"), ids);
        rows.Add(["end", Parts(), $"ids {string.Join(' ', ids)}"]);
        AssertTable("### BPE", rows);
    }

    [Fact]
    public void CharsmapOfTwoRules()
    {
        byte[] blob = PrecompiledCharsMapWriter.Write(new Dictionary<string, string> { ["a"] = "1", ["ab"] = "2" });
        uint Unit(int i) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4 + 4 * i));
        Assert.Equal(0x60u << 10, Unit(0));
        Assert.Equal(0x61u | 0x100u | (3u << 10), Unit(1));
        Assert.Equal(0x80000000u | 0u, Unit(2));
        Assert.Equal(0x80000000u | 2u, Unit(3));
        Assert.Equal(0x62u | 0x100u | (0x63u << 10), Unit(0x60));
        Assert.Equal("1\02\0"u8.ToArray(), blob[(4 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(blob))..]);
        PrecompiledCharsMap map = PrecompiledCharsMap.TryParse(blob, out _)!;
        Assert.Equal(2, map.LongestMatch("abc"u8, out ReadOnlySpan<byte> replacement));
        Assert.Equal("2", Encoding.UTF8.GetString(replacement));
        Assert.Contains("Worked example (`SentencePieceExampleTests.CharsmapOfTwoRules`)", File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "algorithms", Document)));
    }
}
