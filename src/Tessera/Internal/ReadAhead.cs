using System.Runtime.ExceptionServices;

namespace Tessera.Internal;

/// <summary>
/// Runs a sequence one item ahead on a thread of its own: while the caller works on item k, item k + 1 is produced
/// (read from a stream, checked, cut into lines or blocks), so reading overlaps encoding instead of alternating with it.
/// </summary>
/// <remarks>
/// The source must keep item k valid while it produces item k + 1 (two buffers used in turn). A dedicated thread
/// rather than the thread pool: a caller that is itself on a busy pool would otherwise wait for a pool thread to
/// be injected (measured: no read ahead at all under xunit).
/// </remarks>
internal static class ReadAhead
{
    /// <summary>
    /// The items of <paramref name="source"/>, each produced while the caller works on the one before. The first is
    /// produced on the caller's thread (it would wait for it anyway); when <paramref name="isLast"/> says it is the
    /// last, no thread is started at all: a short input (a command's argument, a small file) costs no thread start.
    /// </summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, Func<T, bool>? isLast = null)
    {
        IEnumerator<T> items = source.GetEnumerator();
        Reader<T>? reader = null;
        try
        {
            if (!items.MoveNext())
                yield break;
            T first = items.Current;
            if (isLast is not null && isLast(first))
            {
                yield return first;
                yield break;
            }
            reader = new Reader<T>(items);
            reader.Request(); // the second item is produced while the caller works on the first
            yield return first;
            while (reader.Receive(out T item))
            {
                reader.Request();
                yield return item;
            }
        }
        finally
        {
            if (reader is not null) reader.Dispose(); // disposes the items too, once its thread has stopped
            else items.Dispose();
        }
    }

    /// <summary>A thread that moves the source on by one item each time it is asked.</summary>
    private sealed class Reader<T> : IDisposable
    {
        private readonly IEnumerator<T> _items;
        private readonly Thread _thread;
        private readonly SemaphoreSlim _requested = new(0);
        private readonly SemaphoreSlim _ready = new(0);
        private bool _stopping;
        private bool _has;
        private T _current = default!;
        private ExceptionDispatchInfo? _error;

        public Reader(IEnumerator<T> items)
        {
            _items = items;
            _thread = new Thread(Loop) { IsBackground = true, Name = "tessera read-ahead" };
            _thread.Start();
        }

        public void Request() => _requested.Release();

        /// <summary>Waits for the item asked for; false at the end; rethrows the source's failure.</summary>
        public bool Receive(out T item)
        {
            _ready.Wait();
            _error?.Throw();
            item = _current;
            return _has;
        }

        private void Loop()
        {
            while (true)
            {
                _requested.Wait();
                if (_stopping)
                    return;
                try
                {
                    _has = _items.MoveNext();
                    _current = _has ? _items.Current : default!;
                }
                catch (Exception error)
                {
                    _error = ExceptionDispatchInfo.Capture(error);
                    _has = false;
                }
                _ready.Release();
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _requested.Release();
            _thread.Join(); // a caller that stopped early waits here for the item in flight
            _items.Dispose();
            _requested.Dispose();
            _ready.Dispose();
        }
    }
}
