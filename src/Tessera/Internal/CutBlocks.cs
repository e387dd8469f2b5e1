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

    public static IEnumerable<Block> Read(Stream stream, int blockBytes, CutFinder findCut) => ReadAhead.Of(ReadInTurn(stream, blockBytes, findCut));

    private static IEnumerable<Block> ReadInTurn(Stream stream, int blockBytes, CutFinder findCut)
    {
        // Uninitialized: a page costs only when first written (fresh memory is slow, see docs/algorithms/byte-pair-merge.md).
        byte[][] buffers = [GC.AllocateUninitializedArray<byte>(blockBytes), GC.AllocateUninitializedArray<byte>(blockBytes)];
        int turn = 0, filled = 0;
        long consumed = 0;
        // The first blocks are small and grow fourfold up to blockBytes, so work starts as soon as a little is read.
        int want = Math.Min(blockBytes, FirstBlockBytes);
        while (true)
        {
            byte[] buffer = buffers[turn];
            want = Math.Max(want, Math.Min(buffer.Length, filled + 1));
            int read = stream.ReadAtLeast(buffer.AsSpan(filled, want - filled), want - filled, throwOnEndOfStream: false);
            filled += read;
            bool atEnd = filled < want;
            int limit = atEnd ? filled : findCut(buffer.AsSpan(0, filled));
            if (limit <= 0 && !atEnd)
            {
                if (want == buffer.Length)
                    Array.Resize(ref buffers[turn], buffer.Length * 2); // no cut point yet: read on
                want = Math.Min(buffers[turn].Length, want * 4);
                continue;
            }
            want = Math.Min(blockBytes, want * 4);
            yield return new Block(buffer.AsMemory(0, filled), limit, consumed);
            if (atEnd)
                yield break;
            // The rest moves to the other buffer; the caller may still be reading this one.
            turn ^= 1;
            if (buffers[turn].Length < buffer.Length)
                buffers[turn] = GC.AllocateUninitializedArray<byte>(buffer.Length);
            buffer.AsSpan(limit, filled - limit).CopyTo(buffers[turn]);
            filled -= limit;
            consumed += limit;
        }
    }
}
