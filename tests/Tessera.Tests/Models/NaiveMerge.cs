using Tessera.Models.Bpe;

namespace Tessera.Tests.Models;

/// <summary>
/// The reference byte pair merge, written for clarity only: a list of byte strings; merge the adjacent pair with the
/// lowest rank, leftmost on ties, until no pair is a token.
/// </summary>
internal static class NaiveMerge
{
    /// <summary>One merge: the parts before it, the index of the left part merged, and the rank of the pair.</summary>
    public readonly record struct Step(IReadOnlyList<byte[]> Parts, int At, int Rank);

    public static int[] Encode(RankTable table, ReadOnlySpan<byte> piece) => Encode(table, piece, null);

    /// <summary>Encodes <paramref name="piece"/> and records every merge in <paramref name="steps"/> (when not null).</summary>
    public static int[] Encode(RankTable table, ReadOnlySpan<byte> piece, List<Step>? steps)
    {
        var parts = new List<byte[]>();
        foreach (byte b in piece) parts.Add([b]);
        while (true)
        {
            int best = int.MaxValue, at = -1;
            for (int i = 0; i + 1 < parts.Count; i++)
            {
                int rank = table.RankOf([.. parts[i], .. parts[i + 1]]);
                if (rank >= 0 && rank < best)
                {
                    best = rank;
                    at = i;
                }
            }
            if (at < 0) break;
            steps?.Add(new Step([.. parts], at, best));
            parts[at] = [.. parts[at], .. parts[at + 1]];
            parts.RemoveAt(at + 1);
        }
        return [.. parts.Select(p => table.RankOf(p))];
    }
}
