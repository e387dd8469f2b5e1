using System.Runtime.CompilerServices;

namespace Tessera.Internal;

/// <summary>
/// A version word per cache slot, so threads can share a cache without locks (a seqlock): a writer marks the slot
/// busy with a compare-and-swap (and gives up if another writer holds it: it is only a cache), writes, then publishes
/// a new version; a reader takes the version before and after reading and trusts what it read only when the two are
/// equal and not busy. The low eight bits carry the slot's own small fields (lengths, counts), published with it.
/// </summary>
internal static class SlotVersion
{
    public const uint PayloadMask = 0xFF;
    private const uint Busy = 1u << 8;
    private const uint Step = 1u << 9;

    /// <summary>The version before reading a slot; its payload is valid only if <see cref="Confirm"/> then succeeds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Begin(ref uint version) => Volatile.Read(ref version);

    /// <summary>Whether the slot read since <see cref="Begin"/> returned <paramref name="begun"/> is whole: no writer then or since.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Confirm(ref uint version, uint begun)
    {
        Volatile.ReadBarrier(); // the slot's fields are read before the version is read again
        return (begun & Busy) == 0 && Volatile.Read(ref version) == begun;
    }

    /// <summary>Takes the slot for writing; false when another thread is writing it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryTake(ref uint version, out uint taken)
    {
        taken = Volatile.Read(ref version);
        return (taken & Busy) == 0 && Interlocked.CompareExchange(ref version, taken | Busy, taken) == taken;
    }

    /// <summary>Publishes the slot taken at <paramref name="taken"/>, with its new <paramref name="payload"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Publish(ref uint version, uint taken, uint payload) =>
        Volatile.Write(ref version, ((taken & ~(PayloadMask | Busy)) + Step) | payload);
}
