namespace Tessera.Internal;

/// <summary>
/// Native id buffers for large encodes, kept for reuse by later encodes on any thread. A fresh page costs a fault on
/// first write, and on this project's VMs a 4 KB fault costs about 16 µs: 20 MB of fresh ids took 75-130 ms to
/// write, as long as encoding them. A kept buffer is already faulted in; a new one is 2 MB-aligned huge pages
/// (<see cref="NativeBlock"/>), one fault per 2 MB.
/// </summary>
/// <param name="slots">How many buffers are kept at most.</param>
/// <param name="keptBytes">Larger buffers are freed when given back.</param>
internal sealed unsafe class IdScratch(int slots, long keptBytes)
{
    /// <summary>Encodes needing fewer ids than this use the array pool instead.</summary>
    public const int MinIds = 1 << 18;

    /// <summary>A new buffer is at least one huge page, unless it is small (see <see cref="SmallBytes"/>).</summary>
    private const long MinBytes = 2 << 20;

    /// <summary>Buffers of up to this many bytes come from the allocator, uncleared: a short text's ids touch a page or two, where a fresh huge page is zeroed whole.</summary>
    private const long SmallBytes = 256 << 10;

    /// <summary>The buffers of all encodes: one per core, each of at most 64 MB (as the shared array pool keeps).</summary>
    public static IdScratch Shared { get; } = new(Math.Clamp(Environment.ProcessorCount, 1, 64), 64L << 20);

    private readonly NativeBlock?[] _kept = new NativeBlock?[slots];

    /// <summary>A buffer of at least <paramref name="ids"/> ids, the caller's alone until given back: a kept one if one is large enough, else a new one.</summary>
    public NativeBlock Take(int ids)
    {
        nuint needed = (nuint)Math.Max(1L, (long)ids * sizeof(int));
        for (int i = 0; i < _kept.Length; i++)
        {
            if (_kept[i] is { } kept && kept.Bytes >= needed && Interlocked.CompareExchange(ref _kept[i], null, kept) == kept)
                return kept;
        }
        if (needed <= SmallBytes)
            return new NativeBlock(needed, zeroed: false); // pages are touched only as ids are written, not a whole huge page
        nuint bytes = Math.Max(needed, (nuint)MinBytes);
        return new NativeBlock((nuint)1 << (64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)bytes - 1)));
    }

    /// <summary><paramref name="block"/> when it holds at least <paramref name="ids"/> ids; otherwise it is given back (when there is one) and a large enough buffer taken.</summary>
    public NativeBlock Ensure(NativeBlock? block, int ids)
    {
        if (block is not null && Ids(block).Length >= ids)
            return block;
        if (block is not null)
            Give(block);
        return Take(ids);
    }

    /// <summary>Gives a buffer back: kept in a free slot or in place of a smaller buffer (which is freed), otherwise freed.</summary>
    public void Give(NativeBlock block)
    {
        if ((long)block.Bytes <= keptBytes)
        {
            for (int i = 0; i < _kept.Length; i++)
            {
                NativeBlock? kept = _kept[i];
                if ((kept is null || kept.Bytes < block.Bytes) && Interlocked.CompareExchange(ref _kept[i], block, kept) == kept)
                {
                    kept?.Dispose();
                    return;
                }
            }
        }
        block.Dispose();
    }

    /// <summary>The ids of a buffer.</summary>
    public static Span<int> Ids(NativeBlock block) => new(block.Pointer, (int)Math.Min(int.MaxValue, block.Bytes / sizeof(int)));
}
