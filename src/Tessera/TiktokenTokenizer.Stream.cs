using Tessera.Internal;

namespace Tessera;

public sealed partial class TiktokenTokenizer
{
    /// <summary>
    /// Encodes a UTF-8 stream of any size in bounded memory, yielding the ids block by block (in order; their
    /// concatenation equals encoding the whole text at once). Blocks end where a piece boundary is certain.
    /// </summary>
    /// <remarks>
    /// Memory stays bounded for the built-in patterns. An arbitrary pattern (or a special token that can span a line
    /// start) gives no certain cut point, so the whole stream is read before encoding.
    /// </remarks>
    /// <param name="utf8">The text. Bytes that are not valid UTF-8 are encoded as raw bytes.</param>
    /// <param name="policy">What to do with special-token text; <see cref="SpecialTokenPolicy.Error"/> when null.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use within a block; -1 for all cores.</param>
    /// <param name="blockBytes">About how many bytes to read per block.</param>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow (index in bytes from the stream's start).</exception>
    public IEnumerable<int[]> EncodeUtf8Stream(Stream utf8, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1, int blockBytes = 1 << 22)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 16);
        return EncodeBlocks(utf8, policy ?? SpecialTokenPolicy.Error, Threads(maxDegreeOfParallelism), blockBytes)
            .Select(block => IdScratch.Ids(block.Ids)[..block.Count].ToArray());
    }

    /// <summary>
    /// As <see cref="EncodeUtf8Stream(Stream, SpecialTokenPolicy?, int, int)"/>, without allocating per block: the ids
    /// of each block are handed to <paramref name="onBlock"/> in a buffer that the next block reuses.
    /// </summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow (index in bytes from the stream's start).</exception>
    public void EncodeUtf8Stream(Stream utf8, Action<ReadOnlySpan<int>> onBlock, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1,
        int blockBytes = 1 << 22)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(onBlock);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 16);
        foreach ((NativeBlock ids, int count) in EncodeBlocks(utf8, policy ?? SpecialTokenPolicy.Error, Threads(maxDegreeOfParallelism), blockBytes))
            onBlock(IdScratch.Ids(ids)[..count]);
    }

    /// <summary>Counts the tokens of a UTF-8 stream of any size in bounded memory, without storing ids.</summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow (index in bytes from the stream's start).</exception>
    public long CountTokensUtf8(Stream utf8, SpecialTokenPolicy? policy = null, int maxDegreeOfParallelism = -1, int blockBytes = 1 << 22)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 16);
        SpecialTokenPolicy effective = policy ?? SpecialTokenPolicy.Error;
        int threads = Threads(maxDegreeOfParallelism);
        long total = 0;
        if (threads == 1)
        {
            foreach (CutBlocks.Block block in StreamBlocks(utf8, blockBytes))
                total += CountRegion(block.Text, block.Limit, effective, threads, block.Offset);
        }
        else
        {
            foreach ((_, int count) in Pipelined(utf8, effective, threads, blockBytes, encode: false))
                total += count;
        }
        return total;
    }

    /// <summary>Encodes block by block; each block's ids are the first <c>Count</c> of <c>Ids</c>, which later blocks reuse.</summary>
    private IEnumerable<(NativeBlock Ids, int Count)> EncodeBlocks(Stream utf8, SpecialTokenPolicy policy, int threads, int blockBytes)
    {
        if (threads > 1)
        {
            foreach ((RegionInFlight region, int count) in Pipelined(utf8, policy, threads, blockBytes, encode: true))
                yield return (region.Ids!, count);
            yield break;
        }
        NativeBlock? ids = null;
        try
        {
            foreach (CutBlocks.Block block in StreamBlocks(utf8, blockBytes))
            {
                ids = IdScratch.Shared.Ensure(ids, block.Text.Length);
                int count = EncodeRegion(block.Text, block.Limit, policy, threads, block.Offset, ids);
                yield return (ids, count);
            }
        }
        finally
        {
            if (ids is not null)
                IdScratch.Shared.Give(ids);
        }
    }

    /// <summary>
    /// Several threads on a stream without a pause at each block's end: the parts of a block are queued as soon as it
    /// is read, while the parts of the block before still run, and each block is handed over (counted, or its ids
    /// together at the start of its buffer) once all its parts are done, in order. Blocks and id buffers are used in
    /// turns of three: the block being handed over, the one in flight, the one being read. A stream that is one block
    /// of one part runs on the caller's thread: no thread is started for a short text.
    /// </summary>
    private IEnumerable<(RegionInFlight Region, int Count)> Pipelined(Stream utf8, SpecialTokenPolicy policy, int threads, int blockBytes, bool encode)
    {
        const int Turns = 3;
        // The queue, made at the first block that needs it, is disposed first (below): it runs what is queued to the
        // end; then the reader frees the blocks.
        using CutBlocks.Reader reader = CutBlocks.Open(utf8, blockBytes, FindCut(), Turns);
        using IEnumerator<CutBlocks.Block> blocks = reader.Blocks.GetEnumerator();
        WorkQueue? queue = null;
        var idBuffers = new NativeBlock?[Turns];
        var inFlight = new Queue<RegionInFlight>(Turns);
        int turn = 0;
        try
        {
            while (true)
            {
                bool more = blocks.MoveNext();
                if (more)
                {
                    CutBlocks.Block block = blocks.Current;
                    List<ParallelChunks.Part> parts = PlanRegion(block.Text.Span, block.Limit, policy, threads, block.Offset);
                    NativeBlock? ids = null;
                    if (encode)
                    {
                        ids = idBuffers[turn] = IdScratch.Shared.Ensure(idBuffers[turn], block.Text.Length);
                        turn = (turn + 1) % Turns;
                    }
                    bool alone = block.Offset == 0 && block.IsLast && parts.Count == 1;
                    if (!alone)
                        queue ??= new WorkQueue(threads);
                    inFlight.Enqueue(new RegionInFlight(_encoder, block.Text, parts, ids, alone ? null : queue));
                }
                // Hand over the oldest block once another is queued behind it (or at the end, whatever is left).
                if (inFlight.Count > (more ? 1 : 0))
                {
                    RegionInFlight oldest = inFlight.Peek();
                    int count = oldest.Wait();
                    inFlight.Dequeue();
                    yield return (oldest, count);
                }
                else if (!more)
                    yield break;
            }
        }
        finally
        {
            // Unwinding early: the queued parts still read their blocks and write their id buffers.
            foreach (RegionInFlight region in inFlight)
                region.WaitQuietly();
            queue?.Dispose();
            foreach (NativeBlock? ids in idBuffers)
            {
                if (ids is not null)
                    IdScratch.Shared.Give(ids);
            }
        }
    }

    /// <summary>Reads the stream in blocks that end where a piece boundary is certain (see <see cref="CutBlocks"/>).</summary>
    private IEnumerable<CutBlocks.Block> StreamBlocks(Stream utf8, int blockBytes) => CutBlocks.Read(utf8, blockBytes, FindCut());

    /// <summary>Where a block may end; without a certain cut point (an arbitrary pattern), the whole stream is one block.</summary>
    private CutFinder FindCut() => ParallelChunks.CanCut(_encoder) ? text => ParallelChunks.FindLastCut(text, text.Length) : _ => -1;
}
