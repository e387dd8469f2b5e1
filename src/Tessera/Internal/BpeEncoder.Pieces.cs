using Tessera.Models.Bpe;
using Tessera.PreTokenizers;

namespace Tessera.Internal;

internal sealed partial class BpeEncoder
{
    /// <summary>
    /// The hot loop: a piece of up to 16 bytes is first looked up in the core's piece cache; a piece found whole in
    /// the vocabulary is one token (most pieces of prose); other pieces are looked up in the shared pretoken cache,
    /// then merged. See docs/algorithms/byte-pair-merge.md.
    /// </summary>
    private void EncodePieces<TSplitter, TSink>(TSplitter splitter, scoped ReadOnlySpan<byte> segment, int from, int to, int offset, ref TSink sink)
        where TSplitter : struct, IPieceSplitter
        where TSink : ITokenSink, allows ref struct
    {
        if (SkipCaches(to - from))
        {
            EncodePiecesUncached(splitter, segment, from, to, offset, ref sink);
            return;
        }
        RankTable table = Table;
        Caches caches = _caches.Value!;
        PieceCache pieceCache = caches.PiecesHere();
        int pos = from;
        while (pos < to)
        {
            int end = splitter.NextPiece(segment, pos, out int start);
            if (end < 0)
                break;
            ReadOnlySpan<byte> piece = segment[start..end];
            if (piece.Length <= PieceCache.MaxKeyLength)
            {
                ByteKey.PrefixAndSecond(segment, start, piece.Length, out ulong low, out ulong high);
                int count = pieceCache.TryGet(low, high, piece.Length, out int id0, out int id1, out int id2);
                if (count == 1)
                {
                    sink.Add(id0, offset + start, offset + end);
                }
                else if (count > 1)
                {
                    EmitShort(count, id0, id1, id2, offset + start, ref sink);
                }
                else
                {
                    int rank = WholeRank(piece);
                    if (rank >= 0)
                    {
                        pieceCache.Set(low, high, piece.Length, [rank]);
                        sink.Add(rank, offset + start, offset + end);
                    }
                    else
                    {
                        EncodeMerged(piece, offset + start, caches.Merged, pieceCache, ref sink);
                    }
                }
            }
            else
            {
                int rank = WholeRank(piece);
                if (rank >= 0)
                    sink.Add(rank, offset + start, offset + end);
                else
                    EncodeMerged(piece, offset + start, caches.Merged, pieceCache, ref sink);
            }
            if (sink.IsFull)
                break;
            pos = end;
        }
    }

    private void EmitShort<TSink>(int count, int id0, int id1, int id2, int byteStart, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        Span<int> ids = [id0, id1, id2];
        Emit(ids[..count], byteStart, ref sink);
    }

    private void EncodeMerged<TSink>(scoped ReadOnlySpan<byte> piece, int byteStart, PretokenCache cache, PieceCache pieceCache, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        if (piece.Length <= PretokenCache.MaxKeyLength)
        {
            ulong prefix = ByteKey.Prefix(piece), hash = ByteKey.Hash(piece, prefix);
            Span<int> merged = stackalloc int[PretokenCache.MaxKeyLength];
            if (cache.TryGet(piece, hash, merged, out int cached))
            {
                // Back into the small cache, which a colliding piece had taken it from.
                pieceCache.Set(prefix, ByteKey.Second(piece), piece.Length, merged[..cached]);
                Emit(merged[..cached], byteStart, ref sink);
                return;
            }
            merged = merged[..Merge(piece, merged)];
            cache.Set(piece, hash, merged);
            pieceCache.Set(prefix, ByteKey.Second(piece), piece.Length, merged);
            Emit(merged, byteStart, ref sink);
            return;
        }
        EmitMergedLong(piece, byteStart, ref sink);
    }

    private void Emit<TSink>(scoped ReadOnlySpan<int> ids, int byteStart, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        if (!TSink.WantsOffsets)
        {
            foreach (int id in ids)
                sink.Add(id, 0, 0);
            return;
        }
        foreach (int id in ids)
        {
            int byteEnd = byteStart + Table.BytesOf(id).Length;
            sink.Add(id, byteStart, byteEnd);
            byteStart = byteEnd;
        }
    }
}
