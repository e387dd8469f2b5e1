namespace Tessera.Internal;

/// <summary>
/// The parts of one block of a stream, queued on a <see cref="WorkQueue"/>: each part is counted, or encoded into
/// the block's id buffer at the index of its first byte (a token covers at least one byte, so parts cannot overlap).
/// <see cref="Wait"/> waits for all of them and rethrows the first failure; the ids are then moved together.
/// </summary>
internal sealed class RegionInFlight
{
    private readonly BpeEncoder _encoder;
    private readonly ReadOnlyMemory<byte> _text;
    private readonly List<ParallelChunks.Part> _parts;
    private readonly NativeBlock? _ids;
    private readonly int[] _counts;
    private readonly CountdownEvent _done;
    private Exception? _error;

    /// <summary>Queues the parts of <paramref name="text"/>: encoded into <paramref name="ids"/>, or only counted when it is null.</summary>
    public RegionInFlight(BpeEncoder encoder, ReadOnlyMemory<byte> text, List<ParallelChunks.Part> parts, NativeBlock? ids, WorkQueue queue)
    {
        _encoder = encoder;
        _text = text;
        _parts = parts;
        _ids = ids;
        _counts = new int[parts.Count];
        _done = new CountdownEvent(parts.Count);
        for (int i = 0; i < parts.Count; i++)
        {
            int part = i;
            queue.Add(() => Run(part));
        }
    }

    public NativeBlock? Ids => _ids;

    private void Run(int index)
    {
        try
        {
            ParallelChunks.Part part = _parts[index];
            _counts[index] = _ids is null
                ? ParallelChunks.Count(_encoder, _text.Span, part)
                : ParallelChunks.EncodeInto(_encoder, _text.Span, part, IdScratch.Ids(_ids).Slice(part.From, ParallelChunks.Length(_encoder, part)));
        }
        catch (Exception error)
        {
            Interlocked.CompareExchange(ref _error, error, null);
        }
        finally
        {
            _done.Signal();
        }
    }

    /// <summary>Waits for every part; returns the number of tokens, whose ids (when encoded) now start the id buffer.</summary>
    public int Wait()
    {
        _done.Wait();
        if (_error is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
        int at = 0;
        Span<int> ids = _ids is null ? default : IdScratch.Ids(_ids);
        for (int i = 0; i < _parts.Count; i++)
        {
            if (!ids.IsEmpty)
                ids.Slice(_parts[i].From, _counts[i]).CopyTo(ids[at..]);
            at += _counts[i];
        }
        return at;
    }

    /// <summary>Waits for every part without looking at the outcome (when unwinding after another failure).</summary>
    public void WaitQuietly() => _done.Wait();
}
