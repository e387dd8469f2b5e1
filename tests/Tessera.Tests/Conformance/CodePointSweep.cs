using System.Text;

namespace Tessera.Tests.Conformance;

/// <summary>
/// Every code point in contexts that exercise each pattern's classes, in blocks of 256; mirrors
/// tests/goldens/sweep.mjs, whose tiktoken hashes are the goldens.
/// </summary>
internal static class CodePointSweep
{
    public const int Block = 256;
    public const int Blocks = 0x110000 / Block;

    public static string Document(int block)
    {
        var doc = new StringBuilder();
        for (int cp = block * Block; cp < (block + 1) * Block; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            string c = char.ConvertFromUtf32(cp);
            doc.Append('x').Append(c).Append("y ").Append(c).Append(c).Append(" 1").Append(c).Append('\t').Append(c)
               .Append("'S").Append(c).Append('\n').Append(c).Append('A').Append(c).Append('b');
        }
        return doc.ToString();
    }

    public static string Hash(ReadOnlySpan<int> ids)
    {
        uint h1 = 0x811c9dc5, h2 = 0x01000193;
        foreach (int id in ids)
        {
            h1 = (h1 ^ (uint)id) * 0x01000193;
            h2 = (h2 ^ (uint)id) * 0x5bd1e995;
            h2 ^= h2 >> 15;
        }
        return $"{h1:x8}{h2:x8}{ids.Length:x8}";
    }
}

/// <summary>All 1,112,064 scalar values give tiktoken's ids, for every encoding (Unicode tables and classes).</summary>
public sealed class CodePointSweepTests
{
    [Theory]
    [MemberData(nameof(TiktokenConformanceTests.Encodings), MemberType = typeof(TiktokenConformanceTests))]
    public void EveryCodePointMatchesTiktoken(string encoding)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        string[] expected = File.ReadAllLines(Path.Combine(TestPaths.Goldens, "tiktoken", encoding, "sweep.hashes"));
        Assert.Equal(CodePointSweep.Blocks, expected.Length);
        var failed = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, CodePointSweep.Blocks, block =>
        {
            int[] ids = tokenizer.Encode(CodePointSweep.Document(block), SpecialTokenPolicy.Ordinary);
            if (CodePointSweep.Hash(ids) != expected[block]) failed.Add(block);
        });
        Assert.True(failed.IsEmpty, $"{encoding}: blocks differ from tiktoken: " +
            string.Join(", ", failed.Order().Take(20).Select(b => $"U+{b * CodePointSweep.Block:X4}..U+{b * CodePointSweep.Block + CodePointSweep.Block - 1:X4}")));
    }
}
