using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Internal;

/// <summary>
/// A direct-mapped cache from a piece's bytes to its token ids, for pieces that are not themselves tokens and so
/// need merging. Shared by all threads (each slot versioned, see <see cref="SlotVersion"/>), so a piece is merged once
/// whichever thread meets it first; fixed size: a new entry overwrites whatever shared its slot.
/// A slot is one 64-byte cache line (hash, lengths, key, ids), so a lookup touches one line.
/// </summary>
internal sealed unsafe class PretokenCache
{
    /// <summary>Pieces longer than this are not cached (rare; their merge dominates anyway).</summary>
    public const int MaxKeyLength = 24;
    /// <summary>Pieces that merge into more tokens than this are not cached.</summary>
    public const int MaxIds = 6;
    /// <summary>
    /// 32,768 slots (2 MB, one huge page): the piece cache in front of it answers most repeats, and 128 K slots had
    /// been no faster (see docs/algorithms/byte-pair-merge.md), while every fresh huge page costs up to 2 ms to zero.
    /// </summary>
    private const int SlotBits = 15;

    /// <summary>Memory held by one cache.</summary>
    public static long Bytes => (long)sizeof(Slot) << SlotBits;

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct Slot
    {
        public ulong Hash;      // 0: empty
        public uint Version;    // payload: key length (bits 0-4), id count (bits 5-7)
        public uint Unused;
        public Key Key;
        public Ids Ids;
    }

    [InlineArray(MaxKeyLength)]
    private struct Key { private byte _b; }

    [InlineArray(MaxIds)]
    private struct Ids { private int _i; }

    // A huge page of native memory: as a managed array it cost a page fault per 4 KB on first use (see NativeBlock).
    private readonly NativeBlock _block = new((nuint)sizeof(Slot) << SlotBits);

    private Slot* Slots => (Slot*)_block.Pointer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<byte> key, ulong hash, Span<int> ids, out int count)
    {
        ref Slot slot = ref Slots[hash >> (64 - SlotBits)];
        uint version = SlotVersion.Begin(ref slot.Version);
        count = (int)(version >> 5) & 7;
        if (slot.Hash == (hash | 1) && (version & 31) == (uint)key.Length && count <= ids.Length
            && key.SequenceEqual(((ReadOnlySpan<byte>)slot.Key)[..key.Length]))
        {
            ((ReadOnlySpan<int>)slot.Ids)[..count].CopyTo(ids);
            if (SlotVersion.Confirm(ref slot.Version, version))
                return true;
        }
        count = 0;
        return false;
    }

    public void Set(ReadOnlySpan<byte> key, ulong hash, ReadOnlySpan<int> ids)
    {
        if (key.Length > MaxKeyLength || ids.Length > MaxIds)
            return;
        ref Slot slot = ref Slots[hash >> (64 - SlotBits)];
        if (!SlotVersion.TryTake(ref slot.Version, out uint taken))
            return;
        slot.Hash = hash | 1;
        key.CopyTo(slot.Key);
        ids.CopyTo(slot.Ids);
        SlotVersion.Publish(ref slot.Version, taken, (uint)key.Length | ((uint)ids.Length << 5));
    }
}
