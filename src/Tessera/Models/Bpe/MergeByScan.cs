using System.Runtime.CompilerServices;

namespace Tessera.Models.Bpe;

/// <summary>Byte pair merge by scanning the pair ranks for the minimum on every step; for short pieces.</summary>
internal static class MergeByScan
{
    private const int None = int.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Encode(RankTable table, ReadOnlySpan<byte> piece, Span<int> output)
    {
        int n = piece.Length;
        Span<int> start = stackalloc int[n + 1];
        Span<int> pairRank = stackalloc int[n + 1];
        for (int i = 0; i <= n; i++)
        {
            start[i] = i;
            int r = i + 1 < n ? table.RankOfPair(piece[i], piece[i + 1]) : -1;
            pairRank[i] = r < 0 ? None : r;
        }

        int count = n + 1; // parts are start[i]..start[i + 1]; the last entry is the end sentinel
        while (true)
        {
            int best = None, at = -1;
            for (int i = 0; i < count - 1; i++)
            {
                if (pairRank[i] < best)
                {
                    best = pairRank[i];
                    at = i;
                }
            }
            if (at < 0)
                break;

            if (at > 0)
                pairRank[at - 1] = RankOfSpan(table, piece, start, at - 1, count);
            pairRank[at] = RankOfSpan(table, piece, start, at, count);
            start[(at + 2)..count].CopyTo(start[(at + 1)..]);
            pairRank[(at + 2)..count].CopyTo(pairRank[(at + 1)..]);
            count--;
        }

        for (int i = 0; i < count - 1; i++)
            output[i] = BytePairMerge.FinalRank(table, piece, start[i], start[i + 1]);
        return count - 1;
    }

    /// <summary>Rank of parts <paramref name="i"/> and <paramref name="i"/>+1 once part <paramref name="i"/>+1 has absorbed <paramref name="i"/>+2.</summary>
    private static int RankOfSpan(RankTable table, ReadOnlySpan<byte> piece, Span<int> start, int i, int count)
    {
        if (i + 3 >= count)
            return None;
        int r = BytePairMerge.RankOf(table, piece, start[i], start[i + 3]);
        return r < 0 ? None : r;
    }
}
