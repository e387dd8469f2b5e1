namespace Tessera.Internal;

/// <summary>
/// The parts of one block of a stream, queued on a <see cref="WorkQueue"/>: each part is counted, or encoded into
/// its stretch of the block's id buffer (<see cref="ParallelChunks.EncodeAtItsStart"/>).
/// <see cref="Wait"/> waits for all of them; the ids are then moved together. Without a queue, the parts run at
/// once on the caller's thread (a stream that is one short block).
/// </summary>
internal sealed class RegionInFlight
{
    private readonly List<ParallelChunks.Part> _parts;
    private readonly int[] _counts;
    private readonly WorkQueue.Pending? _pending;

    /// <summary>
    /// Queues the parts of <paramref name="text"/> (runs them now when <paramref name="queue"/> is null): encoded
    /// into <paramref name="ids"/>, or only counted when it is null.
    /// </summary>
    public RegionInFlight(BpeEncoder encoder, ReadOnlyMemory<byte> text, List<ParallelChunks.Part> parts, NativeBlock? ids, WorkQueue? queue)
    {
        _parts = parts;
        Ids = ids;
        int[] counts = _counts = new int[parts.Count];
        Action<int> run = i => counts[i] = ids is null
            ? ParallelChunks.Count(encoder, text.Span, parts[i])
            : ParallelChunks.EncodeAtItsStart(encoder, text.Span, parts[i], IdScratch.Ids(ids));
        if (queue is not null)
            _pending = queue.Queue(parts.Count, run);
        else
            for (int i = 0; i < parts.Count; i++) run(i);
    }

    public NativeBlock? Ids { get; }

    /// <summary>Waits for every part (rethrowing the first failure); returns the number of tokens, whose ids (when encoded) now start the id buffer.</summary>
    public int Wait()
    {
        _pending?.Wait();
        return Ids is null ? _counts.Sum() : ParallelChunks.Compact(IdScratch.Ids(Ids), _parts, _counts);
    }

    /// <summary>Waits for every part without looking at the outcome (when unwinding after another failure).</summary>
    public void WaitQuietly() => _pending?.WaitQuietly();
}
