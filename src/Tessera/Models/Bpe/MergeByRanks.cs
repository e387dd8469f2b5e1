using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// Hugging Face's BPE merge of one piece of bytes: start from the byte tokens and repeatedly merge the adjacent pair
/// with the lowest merge rank, leftmost on ties (what <c>word.rs</c>'s heap yields: a pair's rank is unique, so ties
/// are the same pair at several places). Short pieces scan for the minimum; long ones use <see cref="BpeWord"/>'s heap.
/// </summary>
internal static class MergeByRanks
{
    /// <summary>Pieces at least this long merge by heap (as <see cref="BytePairMerge.HeapThreshold"/>).</summary>
    public const int HeapThreshold = 128;

    /// <summary>Symbol sequences shorter than this merge by scanning (the first merge of most words; a heap costs more).</summary>
    private const int SymbolScanLimit = 64;

    /// <summary>Writes the token ids of <paramref name="piece"/> to <paramref name="output"/> (room for one per byte); returns how many.</summary>
    public static int Encode(MergeRanks merges, ReadOnlySpan<int> byteIds, ReadOnlySpan<byte> piece, Span<int> output)
    {
        int count = piece.Length;
        if (count >= HeapThreshold)
            return EncodeByHeap(merges, byteIds, piece, output);
        Span<int> part = stackalloc int[count];
        for (int i = 0; i < count; i++)
            part[i] = byteIds[piece[i]];
        return MergeByScanning(merges, part, output);
    }

    /// <summary>
    /// Merges the symbols in <paramref name="part"/> (overwritten) by scanning the pairs' merges for the lowest rank on
    /// every step; writes the result to <paramref name="output"/> and returns how many. For short sequences.
    /// </summary>
    private static int MergeByScanning(MergeRanks merges, Span<int> part, Span<int> output)
    {
        const long Unknown = long.MinValue;
        int count = part.Length;
        Span<long> pair = stackalloc long[count];
        ulong[] recent = merges.Recent;
        // Pairs this thread looked up lately come from its small table; the others start loading together, then are
        // looked up in the large one (their cache misses overlap).
        bool missed = false;
        for (int i = 0; i + 1 < count; i++)
        {
            if (!MergeRanks.TryFindRecent(recent, part[i], part[i + 1], out pair[i]))
            {
                pair[i] = Unknown;
                merges.Prefetch(part[i], part[i + 1]);
                missed = true;
            }
        }
        for (int i = 0; missed && i + 1 < count; i++)
        {
            if (pair[i] == Unknown)
                pair[i] = merges.FindAndRemember(recent, part[i], part[i + 1]);
        }
        if (count > 0)
            pair[count - 1] = MergeRanks.None;

        while (count > 1)
        {
            long best = MergeRanks.None;
            int at = -1;
            for (int i = 0; i < count - 1; i++)
            {
                if (pair[i] < best)
                {
                    best = pair[i];
                    at = i;
                }
            }
            if (at < 0)
                break;
            int merged = MergeRanks.NewIdOf(best);
            part[at] = merged;
            for (int i = at + 1; i < count - 1; i++)
            {
                part[i] = part[i + 1];
                pair[i] = pair[i + 1];
            }
            count--;
            pair[count - 1] = MergeRanks.None;
            if (at > 0)
                pair[at - 1] = merges.FindRecent(recent, part[at - 1], merged);
            if (at + 1 < count)
                pair[at] = merges.FindRecent(recent, merged, part[at + 1]);
        }
        part[..count].CopyTo(output);
        return count;
    }

    private static int EncodeByHeap(MergeRanks merges, ReadOnlySpan<int> byteIds, ReadOnlySpan<byte> piece, Span<int> output)
    {
        int[] parts = System.Buffers.ArrayPool<int>.Shared.Rent(piece.Length);
        try
        {
            for (int i = 0; i < piece.Length; i++)
                parts[i] = byteIds[piece[i]];
            return EncodeSymbols(merges, parts.AsSpan(0, piece.Length), output);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(parts);
        }
    }

    /// <summary>
    /// Merges a sequence of symbols (token ids) by heap, whatever its length: writes the resulting ids to
    /// <paramref name="output"/> (room for <c>symbols.Length</c>) and returns how many.
    /// </summary>
    public static int EncodeSymbols(MergeRanks merges, ReadOnlySpan<int> symbols, Span<int> output)
    {
        int n = symbols.Length;
        if (n == 0)
            return 0;
        if (n < SymbolScanLimit)
        {
            Span<int> copy = stackalloc int[n];
            symbols.CopyTo(copy);
            return MergeByScanning(merges, copy, output);
        }
        HeapScratch scratch = HeapScratch.For(n);
        int[] part = scratch.Part, next = scratch.Next, prev = scratch.Prev;
        bool[] alive = scratch.Alive;
        LongMinHeap queue = scratch.Queue;
        queue.Clear();
        for (int i = 0; i < n; i++)
        {
            part[i] = symbols[i];
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
            alive[i] = true;
        }
        // Priority: rank (high 32 bits) then position, so equal ranks pop leftmost first.
        for (int i = 0; i + 1 < n; i++)
            Push(i, merges.Find(part[i], part[i + 1]));
        while (queue.TryPop(out long priority))
        {
            int at = (int)(uint)priority;
            if (!alive[at] || next[at] < 0)
                continue;
            int right = next[at];
            long merge = merges.Find(part[at], part[right]);
            if (merge == MergeRanks.None || (merge >> 32) != (priority >> 32))
                continue;
            part[at] = MergeRanks.NewIdOf(merge);
            alive[right] = false;
            next[at] = next[right];
            if (next[at] >= 0)
                prev[next[at]] = at;
            if (prev[at] >= 0)
                Push(prev[at], merges.Find(part[prev[at]], part[at]));
            if (next[at] >= 0)
                Push(at, merges.Find(part[at], part[next[at]]));
        }
        int count = 0;
        for (int i = 0; i >= 0; i = next[i])
            output[count++] = part[i];
        return count;

        void Push(int position, long merge)
        {
            if (merge != MergeRanks.None)
                queue.Push(((merge >> 32) << 32) | (uint)position);
        }
    }

    /// <summary>The heap merge's arrays, one set per thread, grown as needed (a long line of SentencePiece-style text is one piece).</summary>
    private sealed class HeapScratch
    {
        [ThreadStatic] private static HeapScratch? t_current;

        public int[] Part = [], Next = [], Prev = [];
        public bool[] Alive = [];
        public readonly LongMinHeap Queue = new();

        public static HeapScratch For(int n)
        {
            HeapScratch scratch = t_current ??= new HeapScratch();
            if (scratch.Part.Length < n)
            {
                int size = Math.Max(n, scratch.Part.Length * 2);
                scratch.Part = new int[size];
                scratch.Next = new int[size];
                scratch.Prev = new int[size];
                scratch.Alive = new bool[size];
            }
            return scratch;
        }
    }
}
