namespace Tessera.Models.Bpe;

/// <summary>
/// Byte pair encoding of one piece that is not itself a token: start from single bytes and repeatedly merge the
/// adjacent pair whose concatenation has the lowest rank, leftmost on ties (tiktoken's <c>_byte_pair_merge</c>).
/// Short pieces merge by the pair table once the vocabulary has one (<see cref="RankTable.Pairs"/>), else by
/// looking the joined bytes up.
/// See docs/algorithms/byte-pair-merge.md.
/// </summary>
internal static class BytePairMerge
{
    /// <summary>
    /// Pieces shorter than this many bytes merge by scanning all pairs for the minimum (quadratic, but branch-light
    /// and allocation-free); longer ones use a heap (n log n). Measured: see docs/algorithms/byte-pair-merge.md.
    /// </summary>
    public const int HeapThreshold = 128;

    /// <summary>Writes the ranks of the tokens of <paramref name="piece"/> to <paramref name="ranks"/>; returns how many.</summary>
    /// <remarks><paramref name="ranks"/> must hold <c>piece.Length</c> values. Every single byte must be a token.</remarks>
    public static int Encode(RankTable table, ReadOnlySpan<byte> piece, Span<int> ranks)
    {
        if (piece.Length >= HeapThreshold)
            return MergeByHeap.Encode(table, piece, ranks);
        return table.Pairs is { } pairs ? MergeByPairs.Encode(table, pairs, piece, ranks) : MergeByScan.Encode(table, piece, ranks);
    }

    /// <summary>The rank of <c>piece[start..end]</c>, using the direct tables for one and two bytes.</summary>
    internal static int RankOf(RankTable table, ReadOnlySpan<byte> piece, int start, int end) => (end - start) switch
    {
        1 => table.RankOfByte(piece[start]),
        2 => table.RankOfPair(piece[start], piece[start + 1]),
        _ => table.RankOf(piece[start..end]),
    };

    /// <summary>The rank of a part that must exist once merging is done; missing only if the vocabulary lacks a byte.</summary>
    internal static int FinalRank(RankTable table, ReadOnlySpan<byte> piece, int start, int end)
    {
        int rank = RankOf(table, piece, start, end);
        if (rank < 0)
            ThrowHelper.ThrowMissingByte(piece[start]);
        return rank;
    }
}
