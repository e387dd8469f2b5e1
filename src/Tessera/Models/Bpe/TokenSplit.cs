namespace Tessera.Models.Bpe;

/// <summary>A token's split (its own last merge), found by tiktoken's merge on its bytes, with the joined bytes looked up.</summary>
internal static class TokenSplit
{
    /// <summary>
    /// Merges the bytes of <paramref name="token"/> as tiktoken does until two parts are left (the only pair then
    /// joins into the token itself): they are its split (then written to <paramref name="parts"/>, true). More parts left mean
    /// the merge never forms the token (false): no text encodes to it.
    /// </summary>
    public static bool OfToken(RankTable table, ReadOnlySpan<byte> token, Span<int> parts)
    {
        int n = token.Length;
        Span<int> start = n <= 256 ? stackalloc int[n + 1] : new int[n + 1];
        for (int i = 0; i <= n; i++)
            start[i] = i;
        int count = n; // parts; part i is token[start[i]..start[i + 1]]
        while (count > 2)
        {
            int best = int.MaxValue, at = -1;
            for (int i = 0; i + 1 < count; i++)
            {
                int joined = table.RankOf(token[start[i]..start[i + 2]]);
                if (joined >= 0 && joined < best)
                {
                    best = joined;
                    at = i;
                }
            }
            if (at < 0)
                return false;
            for (int i = at + 1; i < count; i++)
                start[i] = start[i + 1];
            count--;
        }
        parts[0] = table.RankOf(token[..start[1]]);
        parts[1] = table.RankOf(token[start[1]..]);
        return parts[0] >= 0 && parts[1] >= 0;
    }
}
