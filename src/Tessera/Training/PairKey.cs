namespace Tessera.Training;

/// <summary>A pair of token ids as one key, ordered as the pair is (left first, then right).</summary>
internal static class PairKey
{
    public static long Of(int left, int right) => ((long)left << 32) | (uint)right;

    public static int Left(long pair) => (int)(pair >> 32);

    public static int Right(long pair) => (int)pair;

    /// <summary>
    /// Pairs as dictionary keys: the default hash of a long, its two halves exclusive-or'ed, gives (a, b) the hash of
    /// (b, a) and of every pair with the same a ^ b, and the pair counts' lookups took a quarter of the training in
    /// collision chains; a multiplicative hash spreads them.
    /// </summary>
    public sealed class Comparer : IEqualityComparer<long>
    {
        public static readonly Comparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long pair) => (int)((ulong)pair * 0x9E3779B97F4A7C15UL >> 32);
    }
}
