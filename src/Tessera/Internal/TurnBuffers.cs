namespace Tessera.Internal;

/// <summary>
/// The read buffers of <see cref="CutBlocks"/>, one per turn, each made when a block first needs it and only as large
/// as that block: a short input touches a few pages, not megabytes of fresh memory.
/// </summary>
/// <remarks>
/// The first block (64 KB) gets a buffer of its own. Full-size buffers are stretches of one block of native memory
/// made for all turns at once, in huge pages: on this project's VMs every fresh page costs a fault, and a fresh huge
/// page is zeroed at about 1 ms per MB once the host has reclaimed the memory, so three turns of 640 KB share one
/// 2 MB page where three 1 MB buffers had taken three. A block longer than a full-size buffer (no cut point yet) grows a
/// buffer of its own.
/// </remarks>
internal sealed class TurnBuffers(int turns, int blockBytes) : IDisposable
{
    private readonly NativeBuffer?[] _buffers = new NativeBuffer?[turns];
    private NativeBlock? _shared;

    public int BlockBytes => blockBytes;

    /// <summary>How many turns the buffers go round in.</summary>
    public int Turns => turns;

    /// <summary>
    /// The buffer of <paramref name="turn"/>, at least <paramref name="bytes"/> long. A smaller one it had is freed:
    /// the caller must be done with what it held.
    /// </summary>
    public NativeBuffer Take(int turn, int bytes)
    {
        NativeBuffer? buffer = _buffers[turn];
        if (buffer is not null && buffer.Length >= bytes)
            return buffer;
        Free(buffer);
        if (bytes <= blockBytes && bytes > CutBlocks.FirstBlockBytes)
        {
            _shared ??= NativeBlock.Large((nuint)turns * (nuint)blockBytes);
            buffer = new NativeBuffer(_shared, (nuint)turn * (nuint)blockBytes, blockBytes);
        }
        else
        {
            buffer = new NativeBuffer(bytes);
        }
        return _buffers[turn] = buffer;
    }

    /// <summary>A buffer twice as long for <paramref name="turn"/>, holding the first <paramref name="filled"/> bytes of its buffer.</summary>
    public NativeBuffer Grow(int turn, int filled)
    {
        NativeBuffer buffer = _buffers[turn]!;
        var bigger = new NativeBuffer(checked(buffer.Length * 2));
        buffer.GetSpan()[..filled].CopyTo(bigger.GetSpan());
        Free(buffer);
        return _buffers[turn] = bigger;
    }

    public void Dispose()
    {
        for (int i = 0; i < _buffers.Length; i++)
        {
            Free(_buffers[i]);
            _buffers[i] = null;
        }
        _shared?.Dispose();
        _shared = null;
    }

    private static void Free(NativeBuffer? buffer) => ((IDisposable?)buffer)?.Dispose();
}
