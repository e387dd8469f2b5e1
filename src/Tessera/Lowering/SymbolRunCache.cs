namespace Tessera.Lowering;

/// <summary>
/// Merged ids of symbol runs already seen (a word of SentencePiece-style text), shared by all threads: a direct-mapped
/// table of immutable entries, looked up by the run's symbols without copying them. A run whose slot is taken replaces
/// the entry there; threads race benignly (a reader sees a whole entry or none, and checks its symbols).
/// </summary>
/// <remarks>
/// It replaced a <c>ConcurrentDictionary</c>, whose <c>Count</c> (asked before each insert, to stop at a capacity)
/// takes every lock, and whose instantiation the ReadyToRun image lacks: together they made the first pass over new
/// text several times slower than later ones.
/// </remarks>
internal sealed class SymbolRunCache
{
    private const int Bits = 18;
    private readonly Entry?[] _slots = new Entry?[1 << Bits];

    private sealed class Entry(int[] symbols, int[] ids)
    {
        public readonly int[] Symbols = symbols;
        public readonly int[] Ids = ids;
    }

    public bool TryGet(ReadOnlySpan<int> symbols, out int[] ids)
    {
        Entry? entry = Volatile.Read(ref _slots[SlotOf(symbols)]);
        if (entry is not null && symbols.SequenceEqual(entry.Symbols))
        {
            ids = entry.Ids;
            return true;
        }
        ids = [];
        return false;
    }

    public void Add(ReadOnlySpan<int> symbols, int[] ids) =>
        Volatile.Write(ref _slots[SlotOf(symbols)], new Entry(symbols.ToArray(), ids));

    private static int SlotOf(ReadOnlySpan<int> symbols)
    {
        uint hash = 2166136261;
        foreach (int symbol in symbols)
            hash = (hash ^ (uint)symbol) * 16777619;
        return (int)((hash * 0x9E3779B9u) >> (32 - Bits));
    }
}
