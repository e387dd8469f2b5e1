using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Internal;

/// <summary>
/// A small direct-mapped cache, one per thread, from a piece of at most eight bytes to its (at most three) ids.
/// Its 256 KB stay in the core's L2 cache, where the vocabulary's table (megabytes) does not: frequent pieces
/// ("the", " of", ",") then cost one cache-resident probe. Filled on demand, overwritten on collision.
/// </summary>
internal sealed class ShortPieceCache
{
    public const int MaxKeyLength = 8;
    public const int MaxIds = 3;
    private const int SlotBits = 13;

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong Prefix;
        public int Length; // 0: empty
        public int Count;
        public int Id0, Id1, Id2, Unused;
    }

    private readonly Slot[] _slots = new Slot[1 << SlotBits];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SlotOf(ulong prefix, int length) =>
        (int)(((prefix ^ (ulong)length) * 0x9E3779B97F4A7C15) >> (64 - SlotBits));

    /// <summary>The ids of the piece (<paramref name="prefix"/>, <paramref name="length"/>): returns how many (0 when absent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryGet(ulong prefix, int length, out int id0, out int id1, out int id2)
    {
        ref Slot slot = ref _slots[SlotOf(prefix, length)];
        id0 = slot.Id0;
        id1 = slot.Id1;
        id2 = slot.Id2;
        return slot.Prefix == prefix && slot.Length == length ? slot.Count : 0;
    }

    public void Set(ulong prefix, int length, ReadOnlySpan<int> ids)
    {
        if (ids.Length is 0 or > MaxIds)
            return;
        ref Slot slot = ref _slots[SlotOf(prefix, length)];
        slot.Prefix = prefix;
        slot.Length = length;
        slot.Count = ids.Length;
        slot.Id0 = ids[0];
        slot.Id1 = ids.Length > 1 ? ids[1] : 0;
        slot.Id2 = ids.Length > 2 ? ids[2] : 0;
    }
}
