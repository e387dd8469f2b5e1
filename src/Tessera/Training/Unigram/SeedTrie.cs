namespace Tessera.Training.Unigram;

/// <summary>
/// A trie of the seed pieces (as symbols), to find every seed that starts at a position of a word: each node a number,
/// its children found by (node, symbol) in one hash table, and the seed that ends at it (or -1).
/// </summary>
internal sealed class SeedTrie
{
    private readonly Dictionary<long, int> _children = [];
    private readonly List<int> _seedAt = [-1];

    /// <summary>Adds seed number <paramref name="seed"/>, spelt <paramref name="symbols"/>.</summary>
    public void Add(ReadOnlySpan<int> symbols, int seed)
    {
        int node = 0;
        foreach (int symbol in symbols)
        {
            long key = Key(node, symbol);
            if (!_children.TryGetValue(key, out int child))
            {
                child = _seedAt.Count;
                _seedAt.Add(-1);
                _children.Add(key, child);
            }
            node = child;
        }
        _seedAt[node] = seed;
    }

    /// <summary>
    /// Calls <paramref name="found"/> with the length and seed of each seed <paramref name="symbols"/> starts with,
    /// shortest first, up to <paramref name="maxLength"/> symbols.
    /// </summary>
    public void ForEachPrefix<TState>(ReadOnlySpan<int> symbols, int maxLength, ref TState state, PrefixAction<TState> found)
    {
        int node = 0;
        int limit = Math.Min(maxLength, symbols.Length);
        for (int length = 1; length <= limit; length++)
        {
            if (!_children.TryGetValue(Key(node, symbols[length - 1]), out node))
                return;
            if (_seedAt[node] >= 0)
                found(ref state, length, _seedAt[node]);
        }
    }

    public delegate void PrefixAction<TState>(ref TState state, int length, int seed);

    private static long Key(int node, int symbol) => ((long)node << 21) | (uint)symbol;
}
