using System.Buffers;
using Tessera.Models.Bpe;
using Tessera.PreTokenizers;

namespace Tessera.Internal;

internal sealed partial class BpeEncoder
{
    /// <summary>
    /// Texts encoded before the caches exist run without them until this many bytes have been encoded so: a short
    /// text (a command's argument, a prompt) then costs no fresh cache memory. Each cache is a 2 MB huge page, and
    /// zeroing a fresh one took up to 4 ms here, many times the cost of looking a few pieces up in the vocabulary.
    /// </summary>
    private const int UncachedBytes = 64 << 10;

    private long _uncachedBytes;

    /// <summary>Whether the caches have been made (after the first <see cref="UncachedBytes"/> of text, or a longer text).</summary>
    internal bool CachesMade => _caches.IsValueCreated;

    /// <summary>Whether to encode <paramref name="bytes"/> more without the caches (they are not made yet and the budget allows).</summary>
    private bool SkipCaches(int bytes) =>
        !_caches.IsValueCreated && bytes < UncachedBytes && Interlocked.Add(ref _uncachedBytes, bytes) <= UncachedBytes;

    /// <summary>The pieces of <c>segment[from..to]</c> looked up whole in the vocabulary, merged otherwise: no caches.</summary>
    private void EncodePiecesUncached<TSplitter, TSink>(TSplitter splitter, scoped ReadOnlySpan<byte> segment, int from, int to, int offset, ref TSink sink)
        where TSplitter : struct, IPieceSplitter
        where TSink : ITokenSink, allows ref struct
    {
        Span<int> merged = stackalloc int[PretokenCache.MaxKeyLength];
        for (int pos = from; pos < to && !sink.IsFull;)
        {
            int end = splitter.NextPiece(segment, pos, out int start);
            if (end < 0)
                break;
            ReadOnlySpan<byte> piece = segment[start..end];
            int rank = WholeRank(piece);
            if (rank >= 0)
                sink.Add(rank, offset + start, offset + end);
            else if (piece.Length <= merged.Length)
                Emit(merged[..Merge(piece, merged)], offset + start, ref sink);
            else
                EmitMergedLong(piece, offset + start, ref sink);
            pos = end;
        }
    }

    /// <summary>Merges a piece too long for a stack buffer into a rented one and emits its tokens.</summary>
    private void EmitMergedLong<TSink>(scoped ReadOnlySpan<byte> piece, int byteStart, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        int[] rented = ArrayPool<int>.Shared.Rent(piece.Length);
        try
        {
            int count = Merge(piece, rented);
            Emit(rented.AsSpan(0, count), byteStart, ref sink);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }
}
