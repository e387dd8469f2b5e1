using System.Buffers;

namespace Tessera.Internal;

/// <summary>A <see cref="NativeBlock"/> of bytes seen as <see cref="Memory{T}"/>: the huge-page memory of a native block where an API takes memory.</summary>
internal sealed unsafe class NativeBuffer(int bytes) : MemoryManager<byte>
{
    private readonly NativeBlock _block = NativeBlock.Large((nuint)bytes);

    public int Length { get; } = bytes;

    public override Span<byte> GetSpan() => new(_block.Pointer, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new((byte*)_block.Pointer + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing) => _block.Dispose();
}
