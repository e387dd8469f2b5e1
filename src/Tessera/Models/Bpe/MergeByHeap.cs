
namespace Tessera.Models.Bpe;

/// <summary>
/// Byte pair merge with a min-heap of (rank, start) over a doubly linked list of parts; stale heap entries are
/// skipped when popped (lazy invalidation). O(n log n): long pieces never go quadratic.
/// </summary>
internal static class MergeByHeap
{
    private const int Dead = -2;

    public static int Encode(RankTable table, ReadOnlySpan<byte> piece, Span<int> output)
    {
        int n = piece.Length;
        // Part i starts at byte i; next[i] is the start of the following part (n at the end), prev[i] the one before.
        int[] next = new int[n];
        int[] prev = new int[n];
        long[] key = new long[n]; // (rank << 32 | start) of the pair starting at part i, or -1
        var heap = new PriorityQueue<int, long>(n);
        for (int i = 0; i < n; i++)
        {
            next[i] = i + 1;
            prev[i] = i - 1;
            int r = i + 1 < n ? table.RankOfPair(piece[i], piece[i + 1]) : -1;
            key[i] = r < 0 ? -1 : ((long)r << 32) | (uint)i;
            if (r >= 0) heap.Enqueue(i, key[i]);
        }

        while (heap.TryDequeue(out int i, out long k))
        {
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

    private static void Rekey(RankTable table, ReadOnlySpan<byte> piece, int i, int[] next, long[] key,
        PriorityQueue<int, long> heap, int n)
    {
        int j = next[i];
        int r = j < n ? BytePairMerge.RankOf(table, piece, i, next[j]) : -1;
        key[i] = r < 0 ? -1 : ((long)r << 32) | (uint)i;
        if (r >= 0) heap.Enqueue(i, key[i]);
    }
}
