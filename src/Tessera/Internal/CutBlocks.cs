namespace Tessera.Internal;

/// <summary>Where a block of text may end: the end of the last whole unit in <paramref name="text"/>, or 0 or less for none.</summary>
internal delegate int CutFinder(ReadOnlySpan<byte> text);

/// <summary>
/// Reads a stream in blocks that end at a cut point (a line end, a certain piece boundary), one block ahead of the
/// caller (see <see cref="ReadAhead"/>). Two buffers are used in turn, so the block being worked on stays valid
/// while the next is read; the part after the cut moves to the other buffer and comes again at the next block's start.
/// </summary>
/// <remarks>Used by the library's streams and the command line's per-line reader.</remarks>
internal static class CutBlocks
{
    /// <summary>A block: work on <c>Text[..Limit]</c>; bytes past it are only looked at. <c>Offset</c> is where it starts in the stream.</summary>
    public readonly record struct Block(ReadOnlyMemory<byte> Text, int Limit, long Offset);

    /// <summary>The size of the first block; later ones grow fourfold up to the block size.</summary>
    public const int FirstBlockBytes = 1 << 16;

    public static IEnumerable<Block> Read(Stream stream, int blockBytes, CutFinder findCut)
    {
        // Native huge-page memory: a fresh 4 KB page costs a fault on first write, and 8 MB of them cost about as
        // much as encoding 2 MB (see docs/algorithms/byte-pair-merge.md). Freed here, on the caller's thread, once
        // the caller is done with the last block (the reading thread finishes while the caller still works on it).
        NativeBuffer[] buffers = [new(blockBytes), new(blockBytes)];
        try
        {
            foreach (Block block in ReadAhead.Of(ReadInTurn(stream, buffers, findCut)))
                yield return block;
        }
        finally
        {
            foreach (NativeBuffer buffer in buffers)
                ((IDisposable)buffer).Dispose();
        }
    }

    /// <summary>Reads into <paramref name="buffers"/> in turn; a buffer replaced by a larger one is freed, the last two by the caller.</summary>
    private static IEnumerable<Block> ReadInTurn(Stream stream, NativeBuffer[] buffers, CutFinder findCut)
    {
        int blockBytes = buffers[0].Length;
        int turn = 0, filled = 0;
        long consumed = 0;
        // The first blocks are small and grow fourfold up to blockBytes, so work starts as soon as a little is read.
        int want = Math.Min(blockBytes, FirstBlockBytes);
        while (true)
        {
            NativeBuffer buffer = buffers[turn];
            want = Math.Max(want, Math.Min(buffer.Length, filled + 1));
            int read = stream.ReadAtLeast(buffer.GetSpan()[filled..want], want - filled, throwOnEndOfStream: false);
            filled += read;
            bool atEnd = filled < want;
            int limit = atEnd ? filled : findCut(buffer.GetSpan()[..filled]);
            if (limit <= 0 && !atEnd)
            {
                if (want == buffer.Length)
                    buffers[turn] = Grown(buffer, filled); // no cut point yet: read on
                want = Math.Min(buffers[turn].Length, want * 4);
                continue;
            }
            want = Math.Min(blockBytes, want * 4);
            yield return new Block(buffer.Memory[..filled], limit, consumed);
            if (atEnd)
                yield break;
            // The rest moves to the other buffer; the caller may still be reading this one.
            turn ^= 1;
            if (buffers[turn].Length < buffer.Length)
            {
                ((IDisposable)buffers[turn]).Dispose();
                buffers[turn] = new NativeBuffer(buffer.Length);
            }
            buffer.GetSpan()[limit..filled].CopyTo(buffers[turn].GetSpan());
            filled -= limit;
            consumed += limit;
        }
    }

    /// <summary>A buffer twice the size holding the first <paramref name="filled"/> bytes of <paramref name="buffer"/>, which is freed.</summary>
    private static NativeBuffer Grown(NativeBuffer buffer, int filled)
    {
        var bigger = new NativeBuffer(checked(buffer.Length * 2));
        buffer.GetSpan()[..filled].CopyTo(bigger.GetSpan());
        ((IDisposable)buffer).Dispose();
        return bigger;
    }
}
