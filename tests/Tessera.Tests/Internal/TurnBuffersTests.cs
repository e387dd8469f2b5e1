using Tessera.Internal;

namespace Tessera.Tests.Internal;

/// <summary>The read buffers of the block reader: made as needed, full-size ones sharing one block of memory.</summary>
public sealed unsafe class TurnBuffersTests
{
    private static byte* Start(NativeBuffer buffer)
    {
        fixed (byte* start = buffer.GetSpan())
            return start;
    }

    [Fact]
    public void TheFirstBlockHasABufferOfItsOwnAndFullBlocksShareOne()
    {
        using var buffers = new TurnBuffers(turns: 3, blockBytes: 640 << 10);
        NativeBuffer first = buffers.Take(0, CutBlocks.FirstBlockBytes);
        Assert.Equal(CutBlocks.FirstBlockBytes, first.Length);

        NativeBuffer second = buffers.Take(1, 256 << 10), third = buffers.Take(2, 640 << 10), again = buffers.Take(0, 640 << 10);
        Assert.All(new[] { second, third, again }, buffer => Assert.Equal(640 << 10, buffer.Length));
        Assert.Equal(640 << 10, Start(third) - Start(second));
        Assert.Equal(2 * (640 << 10), Start(third) - Start(again));
        Assert.Same(third, buffers.Take(2, 100)); // large enough: kept
    }

    [Fact]
    public void GrowingKeepsTheBytesRead()
    {
        using var buffers = new TurnBuffers(turns: 2, blockBytes: 1 << 16);
        NativeBuffer buffer = buffers.Take(1, 1 << 16);
        for (int i = 0; i < buffer.Length; i++) buffer.GetSpan()[i] = (byte)(i * 7);
        NativeBuffer bigger = buffers.Grow(1, 1000); // frees the smaller buffer
        Assert.Equal(2 << 16, bigger.Length);
        for (int i = 0; i < 1000; i++) Assert.Equal((byte)(i * 7), bigger.GetSpan()[i]);
        Assert.Same(bigger, buffers.Take(1, 1 << 16));
    }
}
