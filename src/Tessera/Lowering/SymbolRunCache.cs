using System.Collections.Concurrent;

namespace Tessera.Lowering;

/// <summary>
/// Merged ids of symbol runs already seen (a word of SentencePiece-style text), shared by all threads; looked up by
/// the run's symbols without copying them. Stops growing at <see cref="Capacity"/> entries.
/// </summary>
internal sealed class SymbolRunCache
{
    public const int Capacity = 1 << 18;
    private readonly ConcurrentDictionary<int[], int[]> _entries = new(Comparer.Instance);
    private readonly ConcurrentDictionary<int[], int[]>.AlternateLookup<ReadOnlySpan<int>> _lookup;

    public SymbolRunCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<int>>();

    public bool TryGet(ReadOnlySpan<int> symbols, out int[] ids) => _lookup.TryGetValue(symbols, out ids!);

    public void Add(ReadOnlySpan<int> symbols, int[] ids)
    {
        if (_entries.Count < Capacity)
            _entries.TryAdd(symbols.ToArray(), ids);
    }

    private sealed class Comparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
    {
        public static readonly Comparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);

        public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<int> symbols)
        {
            uint hash = 2166136261;
            foreach (int symbol in symbols)
                hash = (hash ^ (uint)symbol) * 16777619;
            return (int)(hash ^ (hash >> 15));
        }
    }
}
