using System.Runtime.InteropServices;

namespace Tessera.Internal;

/// <summary>
/// Zeroed unmanaged memory for large, long-lived tables. Blocks of 2 MB or more are 2 MB-aligned and, on Linux,
/// advised as transparent huge pages: first-touch page faults drop from one per 4 KB to one per 2 MB (measured:
/// 8 MB touched in 2-5 ms instead of 22-60 ms on a Firecracker VM), and lookups miss the TLB less. On Linux the
/// memory comes straight from <c>mmap</c>, whose pages are zero when first touched, so it is never cleared twice
/// (once by the kernel, again by us). Freed by <see cref="Dispose"/> or else by the finalizer.
/// </summary>
internal sealed unsafe class NativeBlock : IDisposable
{
    /// <summary>The size of a huge page.</summary>
    public const nuint HugePage = 2 << 20;

    private void* _mapping; // what mmap returned (null: the block came from NativeMemory or was freed)
    private readonly nuint _mappedBytes;
    private bool _freed;

    public NativeBlock(nuint bytes) : this(bytes, zeroed: true)
    {
    }

    /// <summary>
    /// A block whose small-block memory (under 2 MB, from the allocator) is left as it is unless
    /// <paramref name="zeroed"/>: a buffer about to be overwritten then touches only the pages that are written.
    /// </summary>
    public NativeBlock(nuint bytes, bool zeroed)
    {
        Bytes = bytes;
        nuint whole = (bytes + HugePage - 1) & ~(HugePage - 1);
        if (bytes >= HugePage && (_mapping = Libc.Map(whole + HugePage, Libc.ProtReadWrite, Libc.MapPrivateAnonymous, -1)) is not null)
        {
            // Aligned up inside a mapping one huge page larger, so every 2 MB of the block can be one huge page, the
            // last too: advised only up to the block's end, a 3.4 MB list's last 1.4 MB faulted in 4 KB at a time
            // (350 faults, about 50 us each at a first load on this project's VMs).
            _mappedBytes = whole + HugePage;
            Pointer = (void*)(((nuint)_mapping + HugePage - 1) & ~(HugePage - 1));
            Libc.AdviseHugePages(Pointer, whole);
        }
        else
        {
            Pointer = NativeMemory.AlignedAlloc(bytes, 64);
            if (zeroed)
                NativeMemory.Clear(Pointer, bytes);
        }
        // No GC.AddMemoryPressure: the blocks are few and long-lived, and each call with megabytes set off a full
        // (gen 2) collection in the middle of encoding (measured: 2-3 per run of the command).
    }

    /// <summary>
    /// A block for data written once and read hot: from 512 KB on, rounded up to whole 2 MB huge pages, each faulted
    /// in at once (a 4 KB page faults one by one, about 16 µs each on this project's VMs). Rounding also lets a buffer
    /// that is reused for slightly larger contents stay as it is, rather than be replaced by fresh memory. Smaller
    /// blocks come from the allocator, cleared unless <paramref name="zeroed"/> is false.
    /// </summary>
    public static NativeBlock Large(nuint bytes, bool zeroed = true) =>
        bytes >= 1 << 19 ? new((bytes + HugePage - 1) & ~(HugePage - 1)) : new(bytes, zeroed);

    public void* Pointer { get; }

    public nuint Bytes { get; }

    /// <summary>Frees the memory now rather than at finalization; the block must not be used after.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~NativeBlock() => Free();

    private void Free()
    {
        if (_freed)
            return;
        _freed = true;
        if (_mapping is not null)
            Libc.Unmap(_mapping, _mappedBytes);
        else
            NativeMemory.AlignedFree(Pointer);
        _mapping = null;
    }

    /// <summary>
    /// Advises the whole 2 MB pages inside <c>[start, start + bytes)</c> as transparent huge pages (Linux; elsewhere
    /// nothing), for fresh memory that is about to be written: a large array from the GC, say. Only a hint.
    /// </summary>
    public static void AdviseHugePages(void* start, nuint bytes)
    {
        nuint first = ((nuint)start + HugePage - 1) & ~(HugePage - 1);
        nuint end = ((nuint)start + bytes) & ~(HugePage - 1);
        if (end > first)
            Libc.AdviseHugePages((void*)first, end - first);
    }
}
