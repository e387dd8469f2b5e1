namespace Tessera.Models.Bpe;

/// <summary>
/// Byte pair merge by scanning for the lowest-ranked pair, each pair's rank found from the two parts' ranks in the
/// <see cref="PairTable"/>; for short pieces. The same merges as <see cref="MergeByScan"/>, without hashing bytes.
/// </summary>
internal static class MergeByPairs
{
    private const int None = int.MaxValue;

    /// <summary>Writes the ranks of the tokens of <paramref name="piece"/> to <paramref name="output"/>; returns how many.</summary>
    /// <remarks>
    /// Merges only into ranks below <paramref name="below"/>, and the pair table must hold no split of a rank at or
    /// above it (<see cref="PairTable.Build"/> merges each token by the table of the tokens before it).
    /// </remarks>
    public static int Encode(RankTable table, PairTable pairs, ReadOnlySpan<byte> piece, Span<int> output, int below = int.MaxValue)
    {
        int count = piece.Length;
        // Part i is a token of rank part[i]; pair[i] is the rank parts i and i + 1 merge into (None if they do not).
        Span<int> part = stackalloc int[count];
        Span<int> pair = stackalloc int[count];
        for (int i = 0; i < count; i++)
        {
            part[i] = table.RankOfByte(piece[i]);
            int r = i + 1 < count ? table.RankOfPair(piece[i], piece[i + 1]) : -1;
            pair[i] = (uint)r < (uint)below ? r : None; // -1 (no such token) is above every bound as unsigned
        }

        while (count > 1)
        {
            int best = None, at = -1;
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

            part[at] = best;
            // Close the gap by hand: the parts are few, and a call to memmove per array cost more than the copy.
            for (int i = at + 1; i < count - 1; i++)
            {
                part[i] = part[i + 1];
                pair[i] = pair[i + 1];
            }
            count--;
            if (at > 0)
                pair[at - 1] = RankOf(pairs.Merged(part[at - 1], best));
            pair[at] = at + 1 < count ? RankOf(pairs.Merged(best, part[at + 1])) : None;
        }

        part[..count].CopyTo(output);
        return count;
    }

    private static int RankOf(int merged) => merged < 0 ? None : merged;
}
