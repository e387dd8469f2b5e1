using System.Runtime.ExceptionServices;

namespace Tessera.Internal;

/// <summary>
/// Work that two threads may each offer to do, done once by whichever claims it first: the other skips it when it
/// only offers (<see cref="TryRun"/>), or waits for it when it needs the result (<see cref="Value"/>). Unlike a
/// <see cref="Lazy{T}"/>, a thread with other work to do is never held up by work the other thread is doing.
/// </summary>
internal sealed class ClaimedWork<T>(Func<T> work)
{
    private int _claimed;
    private bool _done; // written under the lock
    private T? _value;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Does the work on this thread unless it was claimed already; whether this thread did it. A failure is kept for <see cref="Value"/>.</summary>
    public bool TryRun()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
            return false;
        try
        {
            _value = work();
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        lock (this)
        {
            _done = true;
            Monitor.PulseAll(this);
        }
        return true;
    }

    /// <summary>The result: the work is done on this thread if nobody claimed it, else waited for; its failure is thrown.</summary>
    public T Value
    {
        get
        {
            if (!TryRun())
            {
                lock (this)
                {
                    while (!_done)
                        Monitor.Wait(this);
                }
            }
            _failure?.Throw();
            return _value!;
        }
    }
}
