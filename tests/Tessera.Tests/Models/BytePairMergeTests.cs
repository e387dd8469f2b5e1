using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tessera.Models.Bpe;

namespace Tessera.Tests.Models;

public sealed class BytePairMergeTests
{
    /// <summary>A table that never gets a pair table: these tests are of the byte path (<see cref="PairTableTests"/> covers the other).</summary>
    private static readonly RankTable s_table = BytePathTable();

    private static RankTable BytePathTable()
    {
        RankTable table = BuiltInTables.Built(Tessera.Formats.Tiktoken.TiktokenDefinition.Find("cl100k_base")!);
        table.DeclinePairs();
        return table;
    }

    private static int[] Fast(ReadOnlySpan<byte> piece)
    {
        var output = new int[piece.Length];
        return output[..BytePairMerge.Encode(s_table, piece, output)];
    }

    private static int[] Heap(ReadOnlySpan<byte> piece)
    {
        var output = new int[piece.Length];
        return output[..MergeByHeap.Encode(s_table, piece, output)];
    }

    /// <summary>Byte strings built from fragments of real tokens, so that many merges apply, up to 300 bytes (both algorithms).</summary>
    private static Arbitrary<byte[]> Pieces()
    {
        string[] fragments = ["the", " ", "ing", "tion", "x", "é", "ü", "😀", "日本", "\n", "0", "12", "'s", "ab", "ba", "aa", "\u0301", "Ω", "∑"];
        return Gen.Elements(fragments).ListOf().Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)))
            .Where(b => b.Length > 0)
            .Select(b => b.Length > 300 ? b[..300] : b)
            .ToArbitrary();
    }

    [Fact]
    public void FastMergeEqualsNaiveMerge() =>
        Prop.ForAll(Pieces(), piece => Fast(piece).SequenceEqual(NaiveMerge.Encode(s_table, piece)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithQuietOnSuccess(true).WithEndSize(400));

    [Fact]
    public void HeapMergeEqualsNaiveMergeOnShortPiecesToo() =>
        Prop.ForAll(Pieces(), piece => Heap(piece).SequenceEqual(NaiveMerge.Encode(s_table, piece)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithQuietOnSuccess(true));

    [Fact]
    public void RandomBytesMergeLikeNaive() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>().Filter(b => b.Length > 0),
                piece => Fast(piece).SequenceEqual(NaiveMerge.Encode(s_table, piece)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithQuietOnSuccess(true));

    [Theory]
    [InlineData("aaaaaaa")]
    [InlineData("tokenization")]
    public void ThresholdSidesAgree(string text)
    {
        byte[] piece = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, 40)));
        Assert.True(piece.Length >= BytePairMerge.HeapThreshold);
        Assert.Equal(NaiveMerge.Encode(s_table, piece), Fast(piece));
        Assert.Equal(MergeByScan.Encode(s_table, piece, new int[piece.Length]), Fast(piece).Length);
    }
}
