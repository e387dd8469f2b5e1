using System.Collections.Concurrent;
using Tessera.Internal;

namespace Tessera;

public sealed partial class TiktokenTokenizer
{
    /// <summary>Encodes many documents in parallel across cores; the result is in input order.</summary>
    /// <param name="texts">The documents.</param>
    /// <param name="policy">What to do with special-token text; <see cref="SpecialTokenPolicy.Error"/> when null.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <exception cref="SpecialTokenException">A document contains a special token the policy does not allow.</exception>
    public int[][] EncodeBatch(IReadOnlyList<string> texts, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Batch(texts.Count, i => Encode(texts[i], policy), maxDegreeOfParallelism);
    }

    /// <summary>Encodes many UTF-8 documents in parallel across cores; the result is in input order.</summary>
    /// <exception cref="SpecialTokenException">A document contains a special token the policy does not allow.</exception>
    public int[][] EncodeBatchUtf8(IReadOnlyList<ReadOnlyMemory<byte>> documents, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return Batch(documents.Count, i => EncodeUtf8(documents[i].Span, policy), maxDegreeOfParallelism);
    }

    /// <summary>
    /// Encodes one large UTF-8 text using several threads; the ids are identical to
    /// <see cref="EncodeUtf8(ReadOnlySpan{byte}, SpecialTokenPolicy?)"/>. The text is cut only where a piece
    /// boundary is certain: after a line feed that is followed by an ASCII letter.
    /// </summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow (index in bytes).</exception>
    public int[] EncodeUtf8Parallel(ReadOnlyMemory<byte> utf8, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1) =>
        EncodeRegion(utf8, utf8.Length, policy ?? SpecialTokenPolicy.Error, Threads(maxDegreeOfParallelism), 0);

    /// <summary>
    /// Encodes a UTF-8 stream of any size in bounded memory, yielding the ids block by block (in order; their
    /// concatenation equals encoding the whole text at once). Blocks end where a piece boundary is certain.
    /// </summary>
    /// <param name="utf8">The text. Bytes that are not valid UTF-8 are encoded as raw bytes.</param>
    /// <param name="policy">What to do with special-token text; <see cref="SpecialTokenPolicy.Error"/> when null.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use within a block; -1 for all cores.</param>
    /// <param name="blockBytes">About how many bytes to read per block.</param>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow (index in bytes from the stream's start).</exception>
    public IEnumerable<int[]> EncodeUtf8Stream(Stream utf8, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1, int blockBytes = 1 << 22)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 16);
        return EncodeStream(utf8, policy ?? SpecialTokenPolicy.Error, Threads(maxDegreeOfParallelism), blockBytes);
    }

    private IEnumerable<int[]> EncodeStream(Stream utf8, SpecialTokenPolicy policy, int threads, int blockBytes)
    {
        var buffer = new byte[blockBytes];
        int filled = 0;
        long consumed = 0;
        bool canCut = ParallelChunks.CanCut(_encoder);
        while (true)
        {
            int read = utf8.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            filled += read;
            bool atEnd = filled < buffer.Length;
            int limit = atEnd ? filled : canCut ? ParallelChunks.FindLastCut(buffer.AsSpan(0, filled), filled) : -1;
            if (limit <= 0)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // no cut point yet: read on
                continue;
            }
            yield return EncodeRegion(buffer.AsMemory(0, filled), limit, policy, threads, consumed);
            if (atEnd)
                yield break;
            buffer.AsSpan(limit, filled - limit).CopyTo(buffer);
            filled -= limit;
            consumed += limit;
        }
    }

    /// <summary>Encodes <c>text[..limit]</c> (bytes past it are only looked at), in parts across threads.</summary>
    private int[] EncodeRegion(ReadOnlyMemory<byte> text, int limit, SpecialTokenPolicy policy, int threads, long baseOffset)
    {
        List<ParallelChunks.Part> parts = ParallelChunks.Plan(_encoder, text.Span, limit, policy, threads, out int rejectedAt, out string? rejected);
        if (rejectedAt >= 0)
            ThrowHelper.ThrowDisallowedSpecial(rejected!, (int)Math.Min(int.MaxValue, baseOffset + rejectedAt));
        if (parts.Count == 1)
            return ParallelChunks.Encode(_encoder, text.Span, parts[0]);
        var results = new int[parts.Count][];
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            i => results[i] = ParallelChunks.Encode(_encoder, text.Span, parts[i]));
        var ids = new int[results.Sum(r => r.Length)];
        int at = 0;
        foreach (int[] r in results)
        {
            r.CopyTo(ids, at);
            at += r.Length;
        }
        return ids;
    }

    private static int Threads(int maxDegreeOfParallelism) => maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;

    private static int[][] Batch(int count, Func<int, int[]> encode, int maxDegreeOfParallelism)
    {
        var result = new int[count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.ForEach(Partitioner.Create(0, count, Math.Max(1, count / 256)), options, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
                result[i] = encode(i);
        });
        return result;
    }
}
