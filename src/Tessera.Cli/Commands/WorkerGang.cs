using System.Runtime.ExceptionServices;

namespace Tessera.Cli.Commands;

/// <summary>
/// A fixed set of threads (the caller's and <c>threads - 1</c> dedicated ones) that run rounds of work items.
/// Unlike the thread pool, the same threads run every round: with pool threads a run of many batches touched three or
/// more threads on two cores (when the tokenizer's caches were per thread, each warmed its own; they are shared now).
/// </summary>
internal sealed class WorkerGang : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim _start = new(0);
    private readonly CountdownEvent _done = new(1);
    private Action<int>? _body;
    private int _items;
    private int _next;
    private volatile bool _stopping;
    private Exception? _error;

    public WorkerGang(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"tessera worker {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="body"/> for items 0 to <paramref name="items"/> - 1 on all threads; rethrows the first failure.</summary>
    public void Run(int items, Action<int> body)
    {
        _body = body;
        _items = items;
        _next = -1;
        _error = null;
        if (_threads.Length > 0)
        {
            _done.Reset(_threads.Length);
            _start.Release(_threads.Length);
        }
        Work();
        if (_threads.Length > 0)
            _done.Wait();
        _body = null;
        if (_error is not null)
            ExceptionDispatchInfo.Throw(_error);
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
                return;
            Work();
            _done.Signal();
        }
    }

    private void Work()
    {
        try
        {
            int item;
            while ((item = Interlocked.Increment(ref _next)) < _items)
                _body!(item);
        }
        catch (Exception error)
        {
            Interlocked.CompareExchange(ref _error, error, null);
            Volatile.Write(ref _next, int.MaxValue / 2); // the others stop at their next item
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_threads.Length > 0)
            _start.Release(_threads.Length);
        foreach (Thread thread in _threads)
            thread.Join();
        _start.Dispose();
        _done.Dispose();
    }
}
