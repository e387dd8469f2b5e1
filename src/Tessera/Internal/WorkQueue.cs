using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Tessera.Internal;

/// <summary>
/// Threads of its own that run work in the order it was queued, until disposed. The streams (and the command's
/// per-line pipeline) queue the work of one block while the last of the block before still runs, instead of every
/// thread waiting at each block's end. Dedicated threads, as in <see cref="ReadAhead"/>: a caller on a busy thread
/// pool would otherwise wait for pool threads to be injected.
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

    /// <summary>Queues <paramref name="body"/> for items 0 to <paramref name="items"/> - 1; wait for them with the result.</summary>
    public Pending Queue(int items, Action<int> body)
    {
        var pending = new Pending(items);
        for (int i = 0; i < items; i++)
        {
            int item = i;
            _items.Add(() => pending.Run(body, item));
        }
        return pending;
    }

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

    /// <summary>Queued work: <see cref="Wait"/> waits for all of it and rethrows the first failure.</summary>
    public sealed class Pending
    {
        private readonly CountdownEvent _done;
        private Exception? _error;

        internal Pending(int items) => _done = new CountdownEvent(items);

        internal void Run(Action<int> body, int item)
        {
            try
            {
                if (Volatile.Read(ref _error) is null)
                    body(item);
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

        public void Wait()
        {
            _done.Wait();
            if (_error is not null)
                ExceptionDispatchInfo.Throw(_error);
        }

        /// <summary>Waits without looking at the outcome (when unwinding after another failure).</summary>
        public void WaitQuietly() => _done.Wait();
    }
}
