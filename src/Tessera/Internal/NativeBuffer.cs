using System.Buffers;

namespace Tessera.Internal;

/// <summary>
/// Native bytes seen as <see cref="Memory{T}"/>, where an API takes memory: a stretch of a <see cref="NativeBlock"/>,
/// which it frees on disposal when it owns the block.
/// </summary>
internal sealed unsafe class NativeBuffer : MemoryManager<byte>
{
    private readonly byte* _start;
    private readonly NativeBlock? _owned;

    /// <summary>A buffer of its own: <paramref name="bytes"/> of memory that is not cleared (see <see cref="NativeBlock(nuint, bool)"/>).</summary>
    public NativeBuffer(int bytes)
    {
        _owned = new NativeBlock((nuint)bytes, zeroed: false);
        _start = (byte*)_owned.Pointer;
        Length = bytes;
    }

    /// <summary>Bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="bytes"/>) of <paramref name="block"/>, which the caller keeps alive and frees.</summary>
    public NativeBuffer(NativeBlock block, nuint offset, int bytes)
    {
        _start = (byte*)block.Pointer + offset;
        Length = bytes;
    }

    public int Length { get; }

    public override Span<byte> GetSpan() => new(_start, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing) => _owned?.Dispose();
}
