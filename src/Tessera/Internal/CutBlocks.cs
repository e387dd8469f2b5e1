namespace Tessera.Internal;

/// <summary>Where a block of text may end: the end of the last whole unit in <paramref name="text"/>, or 0 or less for none.</summary>
internal delegate int CutFinder(ReadOnlySpan<byte> text);

/// <summary>
/// Reads a stream in blocks that end at a cut point (a line end, a certain piece boundary), one block ahead of the
/// caller (see <see cref="ReadAhead"/>). Buffers are used in turn, so the blocks being worked on stay valid while the
/// next is read: with n buffers, a caller that asks for block k must be done with block k - n + 1 (with two, the
/// caller works on one block while the next is read). The part after the cut moves to the next buffer and comes again
/// at the next block's start.
/// </summary>
/// <remarks>Used by the library's streams and the command line's per-line reader.</remarks>
internal static class CutBlocks
{
    /// <summary>
    /// A block: work on <c>Text[..Limit]</c>; bytes past it are only looked at. <c>Offset</c> is where it starts in the
    /// stream; <c>IsLast</c>: the stream ends with it.
    /// </summary>
    public readonly record struct Block(ReadOnlyMemory<byte> Text, int Limit, long Offset, bool IsLast);

    /// <summary>The size of the first block; later ones grow fourfold up to the block size.</summary>
    public const int FirstBlockBytes = 1 << 16;

    /// <summary>Reads the blocks; the buffers are freed when the enumeration ends (the caller is then done with the last block).</summary>
    public static IEnumerable<Block> Read(Stream stream, int blockBytes, CutFinder findCut)
    {
        using Reader reader = Open(stream, blockBytes, findCut, buffersInTurn: 2);
        foreach (Block block in reader.Blocks)
            yield return block;
    }

    /// <summary>Reads the blocks into <paramref name="buffersInTurn"/> buffers that live until the reader is disposed, for a caller still working on the last blocks when the enumeration ends.</summary>
    public static Reader Open(Stream stream, int blockBytes, CutFinder findCut, int buffersInTurn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffersInTurn, 2);
        return new Reader(stream, blockBytes, findCut, buffersInTurn);
    }

    /// <summary>
    /// The blocks of a stream and the buffers that hold them (<see cref="TurnBuffers"/>). <see cref="Dispose"/> frees
    /// them, on the caller's thread, after <see cref="ReadAhead"/> has stopped reading.
    /// </summary>
    public sealed class Reader : IDisposable
    {
        private readonly TurnBuffers _buffers;

        internal Reader(Stream stream, int blockBytes, CutFinder findCut, int buffersInTurn)
        {
            _buffers = new TurnBuffers(buffersInTurn, blockBytes);
            Blocks = ReadAhead.Of(ReadInTurn(stream, _buffers, findCut), block => block.IsLast);
        }

        /// <summary>The blocks, to be enumerated once, before <see cref="Dispose"/>.</summary>
        public IEnumerable<Block> Blocks { get; }

        public void Dispose() => _buffers.Dispose();
    }

    /// <summary>Reads into the buffers of <paramref name="buffers"/>' turns in turn.</summary>
    private static IEnumerable<Block> ReadInTurn(Stream stream, TurnBuffers buffers, CutFinder findCut)
    {
        int blockBytes = buffers.BlockBytes;
        int turn = 0, filled = 0;
        long consumed = 0;
        // The first blocks are small and grow fourfold up to blockBytes, so work starts as soon as a little is read.
        int want = Math.Min(blockBytes, FirstBlockBytes);
        NativeBuffer buffer = buffers.Take(turn, want);
        while (true)
        {
            want = Math.Max(want, Math.Min(buffer.Length, filled + 1));
            int read = stream.ReadAtLeast(buffer.GetSpan()[filled..want], want - filled, throwOnEndOfStream: false);
            filled += read;
            bool atEnd = filled < want;
            int limit = atEnd ? filled : findCut(buffer.GetSpan()[..filled]);
            if (limit <= 0 && !atEnd)
            {
                if (want == buffer.Length)
                    buffer = buffers.Grow(turn, filled); // no cut point yet: read on
                want = Math.Min(buffer.Length, want * 4);
                continue;
            }
            want = Math.Min(blockBytes, want * 4);
            yield return new Block(buffer.Memory[..filled], limit, consumed, atEnd);
            if (atEnd)
                yield break;
            // The rest moves to the next buffer; the caller may still be reading this one.
            turn = (turn + 1) % buffers.Turns;
            NativeBuffer next = buffers.Take(turn, Math.Max(want, filled - limit + 1));
            buffer.GetSpan()[limit..filled].CopyTo(next.GetSpan());
            buffer = next;
            filled -= limit;
            consumed += limit;
        }
    }
}
