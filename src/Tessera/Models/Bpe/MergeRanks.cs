using System.Runtime.CompilerServices;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// Hugging Face's merges as a flat table: the pair of token ids (left, right) → the merge's rank (its line in the
/// merges list) and the id of the token it makes. Open addressing over 16-byte slots, linear probing; for the byte path
/// of a <see cref="BpeModel"/> lowered to the flat encoder (see docs/algorithms/tokenizer-pipeline.md).
/// </summary>
internal sealed unsafe class MergeRanks
{
    /// <summary>No merge: above every real (rank, id) value.</summary>
    public const long None = long.MaxValue;

    // Slot i is _slots[2i] (key: (left + 1) << 32 | (right + 1), 0 when empty) and _slots[2i + 1] (rank << 32 | new id):
    // key and value share a cache line, so an insert or a lookup costs one miss.
    private readonly object _memory; // keeps the slots alive: a native block, or a mapped image
    private readonly ulong* _slots;
    private readonly int _mask;
    private readonly ThreadLocal<ulong[]> _recent = new(() => new ulong[2 << RecentBits]);

    // The pairs a thread looked up lately, direct-mapped, key and value as in the table: 256 KB, in the core's own
    // cache, where the table (16 MB for Gemma 3's 514,906 merges) is a memory round trip per lookup.
    private const int RecentBits = 14;

    /// <summary>
    /// A table of the merges by rank; a pair listed twice keeps its last rank, as in Hugging Face. The slots are
    /// prefetched a few merges ahead of their insert: Gemma 3's table is larger than the caches, and inserting in rank
    /// order alone took 27-50 ms, one memory round trip per merge.
    /// </summary>
    public MergeRanks(ReadOnlySpan<MergeTriple> merges)
    {
        int size = 16;
        while (size < merges.Length + merges.Length / 2)
            size <<= 1;
        var block = NativeBlock.Large((nuint)size * 16);
        _memory = block;
        _slots = (ulong*)block.Pointer;
        _mask = size - 1;
        const int Ahead = 16; // the slots of the merges this far ahead are loaded while the current one is inserted
        for (int rank = 0; rank < merges.Length; rank++)
        {
            if (rank + Ahead < merges.Length)
                Prefetch(merges[rank + Ahead].Left, merges[rank + Ahead].Right);
            ulong key = KeyOf(merges[rank].Left, merges[rank].Right);
            int slot = Home(key);
            while (_slots[2 * slot] != 0 && _slots[2 * slot] != key)
                slot = (slot + 1) & _mask;
            _slots[2 * slot] = key;
            _slots[2 * slot + 1] = ((ulong)rank << 32) | (uint)merges[rank].Made;
        }
    }

    /// <summary>
    /// A table over the slots of one built elsewhere (<see cref="SlotsMemory"/>, kept by <see cref="BpeModelImage"/>):
    /// <paramref name="size"/> slots, a power of two, at <paramref name="slots"/>, which <paramref name="memoryOwner"/> keeps alive.
    /// </summary>
    internal MergeRanks(void* slots, int size, object memoryOwner)
    {
        _memory = memoryOwner;
        _slots = (ulong*)slots;
        _mask = size - 1;
    }

    /// <summary>How many slots the table has (a power of two).</summary>
    internal int Size => _mask + 1;

    /// <summary>The slots, to keep in a file.</summary>
    internal ReadOnlySpan<byte> SlotsMemory => new(_slots, checked(Size * 16));

    /// <summary>The merge of (<paramref name="left"/>, <paramref name="right"/>) as rank &lt;&lt; 32 | new id, or <see cref="None"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Find(int left, int right)
    {
        ulong key = KeyOf(left, right);
        ulong* slots = _slots;
        for (int slot = Home(key); ; slot = (slot + 1) & _mask)
        {
            ulong k = slots[2 * slot];
            if (k == key)
                return (long)slots[2 * slot + 1];
            if (k == 0)
                return None;
        }
    }

    /// <summary>This thread's table of pairs looked up lately, for <see cref="TryFindRecent"/> and <see cref="FindAndRemember"/>.</summary>
    public ulong[] Recent => _recent.Value!;

    /// <summary>The merge of the pair when this thread looked it up lately (<see cref="FindAndRemember"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFindRecent(ulong[] recent, int left, int right, out long merge)
    {
        ulong key = KeyOf(left, right);
        int slot = RecentSlot(key);
        merge = (long)recent[slot + 1];
        return recent[slot] == key;
    }

    /// <summary><see cref="Find"/>, remembered in <paramref name="recent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long FindAndRemember(ulong[] recent, int left, int right)
    {
        long merge = Find(left, right);
        ulong key = KeyOf(left, right);
        int slot = RecentSlot(key);
        recent[slot] = key;
        recent[slot + 1] = (ulong)merge;
        return merge;
    }

    /// <summary>The merge of the pair: remembered, or looked up and remembered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long FindRecent(ulong[] recent, int left, int right) =>
        TryFindRecent(recent, left, right, out long merge) ? merge : FindAndRemember(recent, left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RecentSlot(ulong key) => (int)((key * 0x9E3779B97F4A7C15) >> (64 - RecentBits)) * 2;

    /// <summary>
    /// Starts loading the slot a <see cref="Find"/> of the pair will read (a hint): a caller about to look up several
    /// pairs prefetches them all first, so their cache misses (the table is larger than the caches) overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int left, int right)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(_slots + 2 * Home(KeyOf(left, right)));
    }

    /// <summary>The id a merge value makes.</summary>
    public static int NewIdOf(long merge) => (int)(uint)merge;

    /// <summary>Memory held.</summary>
    public long Bytes => _memory is NativeBlock block ? (long)block.Bytes : (long)Size * 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeyOf(int left, int right) => ((ulong)(uint)(left + 1) << 32) | (uint)(right + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15) >> 40) & _mask;
}
