using System.Buffers;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// Byte pair merge with a min-heap of (rank, start) over a doubly linked list of parts; stale heap entries are
/// skipped when popped (lazy invalidation). O(n log n): long pieces never go quadratic.
/// </summary>
/// <remarks>
/// Allocation-free: the arrays are rented and the heap is kept per thread. Every piece of 128 bytes or more comes
/// here (too long for the pretoken cache), and on text with long runs (rules of dashes, indentation) fresh arrays per
/// piece kept the GC moving through new memory, a page fault per 4 KB.
/// </remarks>
internal static class MergeByHeap
{
    private const int Dead = -2;

    [ThreadStatic]
    private static LongMinHeap? t_heap;

    public static int Encode(RankTable table, ReadOnlySpan<byte> piece, Span<int> output)
    {
        int n = piece.Length;
        int[] links = ArrayPool<int>.Shared.Rent(2 * n);
        long[] keys = ArrayPool<long>.Shared.Rent(n);
        LongMinHeap heap = t_heap ??= new LongMinHeap();
        heap.Clear();
        try
        {
            return Encode(table, piece, output, links.AsSpan(0, n), links.AsSpan(n, n), keys.AsSpan(0, n), heap);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(links);
            ArrayPool<long>.Shared.Return(keys);
        }
    }

    // Part i starts at byte i; next[i] is the start of the following part (n at the end), prev[i] the one before
    // (-1 for the first, Dead once merged away); key[i] is (rank << 32 | start) of the pair starting at part i, or -1.
    private static int Encode(RankTable table, ReadOnlySpan<byte> piece, Span<int> output, Span<int> next, Span<int> prev, Span<long> key,
        LongMinHeap heap)
    {
        int n = piece.Length;
        for (int i = 0; i < n; i++)
        {
            next[i] = i + 1;
            prev[i] = i - 1;
            int r = i + 1 < n ? table.RankOfPair(piece[i], piece[i + 1]) : -1;
            key[i] = r < 0 ? -1 : ((long)r << 32) | (uint)i;
            if (r >= 0) heap.Push(key[i]);
        }

        while (heap.TryPop(out long k))
        {
            int i = (int)(uint)k;
            if (prev[i] == Dead || key[i] != k)
                continue; // stale
            int j = next[i];
            next[i] = next[j];
            if (next[j] < n) prev[next[j]] = i;
            prev[j] = Dead;
            Rekey(table, piece, i, next, key, heap, n);
            if (prev[i] >= 0)
                Rekey(table, piece, prev[i], next, key, heap, n);
        }

        int count = 0;
        for (int i = 0; i < n; i = next[i])
            output[count++] = BytePairMerge.FinalRank(table, piece, i, next[i]);
        return count;
    }

    private static void Rekey(RankTable table, ReadOnlySpan<byte> piece, int i, Span<int> next, Span<long> key,
        LongMinHeap heap, int n)
    {
        int j = next[i];
        int r = j < n ? BytePairMerge.RankOf(table, piece, i, next[j]) : -1;
        key[i] = r < 0 ? -1 : ((long)r << 32) | (uint)i;
        if (r >= 0) heap.Push(key[i]);
    }
}
