namespace Tessera.Training;

/// <summary>
/// A distinct pre-token during BPE training: its symbols (token ids) with their lengths in characters. Merging a pair
/// reports the pair counts it changes, as Hugging Face's <c>Word::merge</c> does, so the trainer updates its counts by
/// difference instead of recounting.
/// </summary>
internal sealed class TrainingWord(int capacity)
{
    private readonly List<(int Id, int Length)> _symbols = new(capacity);

    public int Count => _symbols.Count;

    public int IdAt(int index) => _symbols[index].Id;

    /// <summary>Appends a symbol of one character.</summary>
    public void Add(int id) => _symbols.Add((id, 1));

    /// <summary>
    /// Replaces every occurrence of <paramref name="left"/> then <paramref name="right"/>, left to right and without
    /// overlap, by <paramref name="merged"/>; adds to <paramref name="changes"/> each pair lost (-1) and each pair
    /// made (+1) next to a replacement, a made pair only when its token would be shorter than
    /// <paramref name="maxLength"/> characters.
    /// </summary>
    public void Merge(int left, int right, int merged, int maxLength, List<(long Pair, int Change)> changes)
    {
        for (int i = 0; i < _symbols.Count; i++)
        {
            if (_symbols[i].Id != left || i + 1 >= _symbols.Count || _symbols[i + 1].Id != right)
                continue;
            (int _, int firstLength) = _symbols[i];
            (int _, int secondLength) = _symbols[i + 1];
            int length = firstLength + secondLength;
            if (i > 0)
            {
                (int before, int beforeLength) = _symbols[i - 1];
                changes.Add((PairKey.Of(before, left), -1));
                if (beforeLength + length < maxLength)
                    changes.Add((PairKey.Of(before, merged), 1));
            }
            _symbols[i] = (merged, length);
            _symbols.RemoveAt(i + 1);
            if (i < _symbols.Count - 1)
            {
                (int after, int afterLength) = _symbols[i + 1];
                changes.Add((PairKey.Of(right, after), -1));
                if (afterLength + length < maxLength)
                    changes.Add((PairKey.Of(merged, after), 1));
            }
        }
    }
}

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
