namespace Tessera.Internal;

/// <summary>
/// One thread of its own that does a large load's side work, in the order it is handed over (<see cref="Post"/>):
/// reading the merges ahead, resolving half of them, building the tables the first encode wants. Not the runtime's
/// thread pool: its first use in a process costs 5-7 ms on the thread that makes it (measured on this project's
/// machines, a bare program queueing one item: 6 ms, against 1 ms to start a thread), more than a whole step of
/// the load. The thread ends once <see cref="Complete"/> was called and the work handed over is done.
/// </summary>
internal sealed class LoadHelper
{
    private readonly Queue<Action> _work = new();
    private bool _completed;

    private LoadHelper()
    {
        new Thread(Run) { IsBackground = true, Name = "Tessera load helper" }.UnsafeStart();
    }

    /// <summary>A helper with its thread started.</summary>
    public static LoadHelper Start() => new();

    /// <summary>
    /// Hands <paramref name="work"/> over, to run after the work handed over before it (on the thread pool once
    /// <see cref="Complete"/> was called). What it computes, and any failure, go back through what it writes (a
    /// <see cref="Lazy{T}"/>, a task's completion).
    /// </summary>
    public void Post(Action work)
    {
        lock (_work)
        {
            if (!_completed)
            {
                _work.Enqueue(work);
                Monitor.Pulse(_work);
                return;
            }
        }
        _ = Task.Run(work); // after Complete the thread may have ended: the work still runs, on the pool
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="helper"/>'s thread, or on the thread pool without one.</summary>
    public static void Run(LoadHelper? helper, Action work)
    {
        if (helper is null)
            _ = Task.Run(work);
        else
            helper.Post(work);
    }

    /// <summary>No more work will come: the thread ends once the work handed over is done.</summary>
    public void Complete()
    {
        lock (_work)
        {
            _completed = true;
            Monitor.Pulse(_work);
        }
    }

    private void Run()
    {
        while (true)
        {
            Action work;
            lock (_work)
            {
                while (_work.Count == 0 && !_completed)
                    Monitor.Wait(_work);
                if (_work.Count == 0)
                    return;
                work = _work.Dequeue();
            }
            try
            {
                work();
            }
            catch (Exception)
            {
                // Work that fails leaves its failure where its result goes (a Lazy rethrows it to whoever asks next);
                // thrown here, it would end the process.
            }
        }
    }
}
