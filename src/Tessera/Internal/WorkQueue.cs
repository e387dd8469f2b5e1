using System.Collections.Concurrent;

namespace Tessera.Internal;

/// <summary>
/// Threads of its own that run work items in the order they were queued, until disposed. Used by the streams to
/// encode the parts of one block while the last parts of the block before still run, instead of every thread waiting
/// at each block's end (see <see cref="RegionInFlight"/>). Dedicated threads, as in <see cref="ReadAhead"/>: a caller
/// on a busy thread pool would otherwise wait for pool threads to be injected.
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly BlockingCollection<Action> _items = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _threads;

    public WorkQueue(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"tessera encoder {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Queues an item; it must not throw (a <see cref="RegionInFlight"/> part records its failure).</summary>
    public void Add(Action item) => _items.Add(item);

    private void Run()
    {
        foreach (Action item in _items.GetConsumingEnumerable())
            item();
    }

    /// <summary>Runs what is queued to the end, then stops the threads.</summary>
    public void Dispose()
    {
        _items.CompleteAdding();
        foreach (Thread thread in _threads)
            thread.Join();
        _items.Dispose();
    }
}
