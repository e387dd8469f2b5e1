using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Internal;

/// <summary>
/// A direct-mapped cache from a piece's bytes to its token ids, for pieces that are not themselves tokens and so
/// need merging. One per thread (never shared), fixed size: a new entry overwrites whatever shared its slot.
/// A slot is one 64-byte cache line (hash, lengths, key, ids), so a lookup touches one line.
/// </summary>
internal sealed unsafe class PretokenCache
{
    /// <summary>Pieces longer than this are not cached (rare; their merge dominates anyway).</summary>
    public const int MaxKeyLength = 24;
    /// <summary>Pieces that merge into more tokens than this are not cached.</summary>
    public const int MaxIds = 6;
    private const int SlotBits = 16;

    /// <summary>Memory held by one cache.</summary>
    public static long Bytes => (long)sizeof(Slot) << SlotBits;

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct Slot
    {
        public ulong Hash;      // 0: empty
        public int KeyLength;
        public int IdCount;
        public Key Key;
        public Ids Ids;
    }

    [InlineArray(MaxKeyLength)]
    private struct Key { private byte _b; }

    [InlineArray(MaxIds)]
    private struct Ids { private int _i; }

    // 4 MB in huge-page native memory: as a managed array it cost a page fault per 4 KB on first use (see NativeBlock).
    private readonly NativeBlock _block = new((nuint)sizeof(Slot) << SlotBits);

    private Slot* Slots => (Slot*)_block.Pointer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<byte> key, ulong hash, out ReadOnlySpan<int> ids)
    {
        ref Slot slot = ref Slots[hash >> (64 - SlotBits)];
        if (slot.Hash == (hash | 1) && slot.KeyLength == key.Length
            && key.SequenceEqual(((ReadOnlySpan<byte>)slot.Key)[..key.Length]))
        {
            ids = ((ReadOnlySpan<int>)slot.Ids)[..slot.IdCount];
            return true;
        }
        ids = default;
        return false;
    }

    public void Set(ReadOnlySpan<byte> key, ulong hash, ReadOnlySpan<int> ids)
    {
        if (key.Length > MaxKeyLength || ids.Length > MaxIds)
            return;
        ref Slot slot = ref Slots[hash >> (64 - SlotBits)];
        slot.Hash = hash | 1;
        slot.KeyLength = key.Length;
        slot.IdCount = ids.Length;
        key.CopyTo(slot.Key);
        ids.CopyTo(slot.Ids);
    }
}
