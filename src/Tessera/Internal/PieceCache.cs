using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Internal;

/// <summary>
/// A direct-mapped cache, one per core (each slot versioned, see <see cref="SlotVersion"/>, so any thread may use any), from a piece of
/// at most sixteen bytes to its (at most three) ids, whether the piece is a token or merges into several: one probe of one cache line, where the vocabulary's table costs a
/// hash of the whole piece and a probe of a table twice the size, and a piece that needs merging also a pretoken-cache
/// probe. 65,536 slots (2 MB): measured from 4,096 to 262,144 slots with the other tables' sizes (see
/// docs/algorithms/byte-pair-merge.md): a miss costs probes of larger tables, but the caches and the vocabulary must
/// together fit in the few megabytes of last-level cache a core gets here, beyond which a probe is a memory round trip.
/// Filled on demand, overwritten on collision.
/// </summary>
internal sealed class PieceCache
{
    public const int MaxKeyLength = 16;
    public const int MaxIds = 3;
    private const int SlotBits = 16;

    /// <summary>Memory held by one cache.</summary>
    public static long Bytes => (long)Unsafe.SizeOf<Slot>() << SlotBits;

    /// <summary>32 bytes: the key's first and second eight bytes (zero-padded), the version (its payload: the key's length, how many ids), the ids.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong Low;
        public ulong High;
        public uint Version; // payload: length (bits 0-4; 0: empty), count (bits 5-6)
        public int Id0, Id1, Id2;
    }

    // 2 MB in huge-page native memory (see NativeBlock).
    private readonly NativeBlock _block = new((nuint)Unsafe.SizeOf<Slot>() << SlotBits);

    private unsafe ref Slot SlotAt(int index) => ref ((Slot*)_block.Pointer)[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SlotOf(ulong low, ulong high, int length) =>
        (int)(((low ^ (high * 0xC2B2AE3D27D4EB4F) ^ (ulong)length) * 0x9E3779B97F4A7C15) >> (64 - SlotBits));

    /// <summary>The ids of the piece (<paramref name="low"/>, <paramref name="high"/>, <paramref name="length"/>): returns how many (0 when absent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryGet(ulong low, ulong high, int length, out int id0, out int id1, out int id2)
    {
        ref Slot slot = ref SlotAt(SlotOf(low, high, length));
        uint version = SlotVersion.Begin(ref slot.Version);
        id0 = slot.Id0;
        id1 = slot.Id1;
        id2 = slot.Id2;
        bool same = slot.Low == low && slot.High == high && (version & 31) == (uint)length;
        return same && SlotVersion.Confirm(ref slot.Version, version) ? (int)(version >> 5) & 3 : 0;
    }

    public void Set(ulong low, ulong high, int length, ReadOnlySpan<int> ids)
    {
        if (ids.Length is 0 or > MaxIds || length > MaxKeyLength)
            return;
        ref Slot slot = ref SlotAt(SlotOf(low, high, length));
        if (!SlotVersion.TryTake(ref slot.Version, out uint taken))
            return;
        slot.Low = low;
        slot.High = high;
        slot.Id0 = ids[0];
        slot.Id1 = ids.Length > 1 ? ids[1] : 0;
        slot.Id2 = ids.Length > 2 ? ids[2] : 0;
        SlotVersion.Publish(ref slot.Version, taken, (uint)length | ((uint)ids.Length << 5));
    }
}
