namespace Tessera.Internal;

/// <summary>
/// A whole file mapped read-only (<see cref="Libc.MapFile"/>: a file in the page cache is mapped, not copied).
/// Unmapped when disposed or finalized.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private void* _mapping;

    private MappedFile(void* mapping, long length)
    {
        _mapping = mapping;
        Length = length;
    }

    public byte* Pointer => (byte*)_mapping;

    public long Length { get; }

    /// <summary>Maps <paramref name="path"/>; null when it does not exist, cannot be read, is empty, or mapping is not available here.</summary>
    public static MappedFile? TryOpen(string path)
    {
        void* mapping = Libc.MapFile(path, out long length);
        return mapping is null ? null : new MappedFile(mapping, length);
    }

    public void Dispose()
    {
        Unmap();
        GC.SuppressFinalize(this);
    }

    ~MappedFile() => Unmap();

    private void Unmap()
    {
        if (_mapping is null)
            return;
        Libc.Unmap(_mapping, (nuint)Length);
        _mapping = null;
    }
}
