using System.Runtime.CompilerServices;

namespace Tessera.Lowering;

/// <summary>
/// Merged ids of symbol runs already seen (a word of SentencePiece-style text), shared by all threads: a table of
/// immutable entries (one array each: the run and its ids) in pairs of slots, looked up by the run's symbols without
/// copying them. A run goes to its slot and the entry there to the other slot of the pair, so two runs whose slots
/// collide both stay: direct-mapped, 3.7% of the runs of 3 MB of English prose missed on every pass under Gemma 3,
/// each costing a merge (per line warm 20-40 -> 42-51 MB/s with two ways). Threads race benignly (a reader sees a
/// whole entry or none, and checks its symbols).
/// </summary>
/// <remarks>
/// It replaced a <c>ConcurrentDictionary</c>, whose <c>Count</c> (asked before each insert, to stop at a capacity)
/// takes every lock, and whose instantiation the ReadyToRun image lacks: together they made the first pass over new
/// text several times slower than later ones.
/// </remarks>
internal sealed class SymbolRunCache
{
    private const int Bits = 18;

    // An entry is one array: the run's length n, its n symbols, then its merged ids (one allocation per new run).
    private readonly int[]?[] _slots = new int[]?[1 << Bits];

    /// <summary>The merged ids of <paramref name="symbols"/> when the run is cached (a slice of the entry), else false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<int> symbols, out ReadOnlySpan<int> ids) => TryGet(symbols, SlotOf(symbols), out ids);

    /// <summary><see cref="TryGet(ReadOnlySpan{int}, out ReadOnlySpan{int})"/> when the run's slot is known (<see cref="SlotOf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<int> symbols, int slot, out ReadOnlySpan<int> ids) =>
        Holds(Volatile.Read(ref _slots[slot]), symbols, out ids) || Holds(Volatile.Read(ref _slots[slot ^ 1]), symbols, out ids);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Holds(int[]? entry, ReadOnlySpan<int> symbols, out ReadOnlySpan<int> ids)
    {
        if (entry is not null && entry[0] == symbols.Length && symbols.SequenceEqual(new ReadOnlySpan<int>(entry, 1, symbols.Length)))
        {
            ids = new ReadOnlySpan<int>(entry, 1 + symbols.Length, entry.Length - 1 - symbols.Length);
            return true;
        }
        ids = default;
        return false;
    }

    /// <summary>Caches a run: in its slot, the entry there moving to the other slot of the pair (the one there goes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<int> symbols, ReadOnlySpan<int> ids) => Add(symbols, ids, SlotOf(symbols));

    /// <summary><see cref="Add(ReadOnlySpan{int}, ReadOnlySpan{int})"/> when the run's slot is known (<see cref="SlotOf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<int> symbols, ReadOnlySpan<int> ids, int slot)
    {
        var entry = new int[1 + symbols.Length + ids.Length];
        entry[0] = symbols.Length;
        // Span constructors rather than AsSpan: AsSpan over int[] is generic code a first pass compiled unoptimized.
        symbols.CopyTo(new Span<int>(entry, 1, symbols.Length));
        ids.CopyTo(new Span<int>(entry, 1 + symbols.Length, ids.Length));
        int[]? resident = Volatile.Read(ref _slots[slot]);
        if (resident is not null)
            Volatile.Write(ref _slots[slot ^ 1], resident);
        Volatile.Write(ref _slots[slot], entry);
    }

    /// <summary>Starts loading the slot of <paramref name="symbols"/> (a hint), so that a lookup soon after does not wait for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ReadOnlySpan<int> symbols) => Prefetch(SlotOf(symbols));

    /// <summary>Starts loading slot <paramref name="slot"/> (a hint).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int slot)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref _slots[slot]));
    }

    /// <summary>
    /// Starts loading the entry in slot <paramref name="slot"/>, when there is one (a hint; best after a
    /// <see cref="Prefetch(int)"/> of the slot a while before, so that reading it does not wait).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchEntry(int slot)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && _slots[slot] is { } entry)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(entry)));
    }

    /// <summary>The slot of a run: <see cref="SlotOfHash"/> of the hash of its symbols, each added by <see cref="Hash"/> to <see cref="EmptyHash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SlotOf(ReadOnlySpan<int> symbols)
    {
        uint hash = EmptyHash;
        foreach (int symbol in symbols)
            hash = Hash(hash, symbol);
        return SlotOfHash(hash);
    }

    /// <summary>The hash of no symbols (FNV-1a's offset basis).</summary>
    public const uint EmptyHash = 2166136261;

    /// <summary>The hash of the symbols hashed to <paramref name="hash"/>, followed by <paramref name="symbol"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(uint hash, int symbol) => (hash ^ (uint)symbol) * 16777619;

    /// <summary>The slot of the run whose symbols hash to <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SlotOfHash(uint hash) => (int)((hash * 0x9E3779B9u) >> (32 - Bits));
}
