using System.Buffers;
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
    public int[] EncodeUtf8Parallel(ReadOnlyMemory<byte> utf8, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1)
    {
        NativeBlock buffer = IdScratch.Shared.Take(Math.Max(1, utf8.Length));
        try
        {
            int count = EncodeRegion(utf8, utf8.Length, policy ?? SpecialTokenPolicy.Error, Threads(maxDegreeOfParallelism), 0, buffer);
            return LargeArrays.Copy(IdScratch.Ids(buffer)[..count]);
        }
        finally
        {
            IdScratch.Shared.Give(buffer);
        }
    }

    /// <summary>
    /// Encodes <c>text[..limit]</c> (bytes past it are only looked at) in parts across threads into
    /// <paramref name="ids"/>, which holds at least <paramref name="limit"/> ids; returns how many were written.
    /// </summary>
    /// <remarks>
    /// Each part writes at the index of its first byte (a token covers at least one byte, so parts cannot overlap);
    /// the parts are then moved together. No memory is allocated per region.
    /// </remarks>
    internal int EncodeRegion(ReadOnlyMemory<byte> text, int limit, SpecialTokenPolicy policy, int threads, long baseOffset, NativeBlock ids)
    {
        List<ParallelChunks.Part> parts = PlanRegion(text.Span, limit, policy, threads, baseOffset);
        if (parts.Count == 1)
            return ParallelChunks.EncodeInto(_encoder, text.Span, parts[0], IdScratch.Ids(ids)[parts[0].From..]);
        var counts = new int[parts.Count];
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            i => counts[i] = ParallelChunks.EncodeAtItsStart(_encoder, text.Span, parts[i], IdScratch.Ids(ids)));
        return ParallelChunks.Compact(IdScratch.Ids(ids), parts, counts);
    }

    /// <summary>The number of tokens of <c>text[..limit]</c>, counted in parts across threads.</summary>
    internal long CountRegion(ReadOnlyMemory<byte> text, int limit, SpecialTokenPolicy policy, int threads, long baseOffset)
    {
        List<ParallelChunks.Part> parts = PlanRegion(text.Span, limit, policy, threads, baseOffset);
        if (parts.Count == 1)
            return ParallelChunks.Count(_encoder, text.Span, parts[0]);
        long total = 0;
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            i => Interlocked.Add(ref total, ParallelChunks.Count(_encoder, text.Span, parts[i])));
        return total;
    }

    private List<ParallelChunks.Part> PlanRegion(ReadOnlySpan<byte> text, int limit, SpecialTokenPolicy policy, int threads, long baseOffset)
    {
        List<ParallelChunks.Part> parts = ParallelChunks.Plan(_encoder, text, limit, policy, threads, out int rejectedAt, out string? rejected);
        if (rejectedAt >= 0)
            ThrowHelper.ThrowDisallowedSpecial(rejected!, (int)Math.Min(int.MaxValue, baseOffset + rejectedAt));
        return parts;
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
