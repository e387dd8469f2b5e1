namespace Tessera.Models.Bpe;

/// <summary>Byte pair merge by scanning the pair ranks for the minimum on every step; for short pieces.</summary>
internal static class MergeByScan
{
    private const int None = int.MaxValue;

    public static int Encode(RankTable table, ReadOnlySpan<byte> piece, Span<int> output)
    {
        int n = piece.Length;
        // Part i is piece[start[i]..start[i + 1]], a token of rank partRank[i]; pairRank[i] is the rank of parts i and
        // i + 1 joined (None when that is not a token). The last start is the end sentinel.
        Span<int> start = stackalloc int[n + 1];
        Span<int> partRank = stackalloc int[n + 1];
        Span<int> pairRank = stackalloc int[n + 1];
        for (int i = 0; i <= n; i++)
        {
            start[i] = i;
            partRank[i] = i < n ? table.RankOfByte(piece[i]) : -1;
            int r = i + 1 < n ? table.RankOfPair(piece[i], piece[i + 1]) : -1;
            pairRank[i] = r < 0 ? None : r;
        }

        int count = n + 1;
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

            partRank[at] = best; // the joined part is the token whose rank made it the best pair
            if (at > 0)
                pairRank[at - 1] = RankOfSpan(table, piece, start, at - 1, count);
            pairRank[at] = RankOfSpan(table, piece, start, at, count);
            // Close the gap by hand: the parts are few, and a call to memmove per array cost more than the copy.
            for (int i = at + 1; i < count - 1; i++)
            {
                start[i] = start[i + 1];
                partRank[i] = partRank[i + 1];
                pairRank[i] = pairRank[i + 1];
            }
            count--;
        }

        for (int i = 0; i < count - 1; i++)
        {
            if (partRank[i] < 0)
                ThrowHelper.ThrowMissingByte(piece[start[i]]);
            output[i] = partRank[i];
        }
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
