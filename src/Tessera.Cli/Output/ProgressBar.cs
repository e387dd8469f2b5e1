using System.Diagnostics;

namespace Tessera.Cli.Output;

/// <summary>
/// A progress bar on standard error, shown only when it is a terminal and the work has lasted more than a second;
/// cleared when done.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly Func<long> _done;
    private readonly long? _total;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _lock = new();
    private bool _shown;

    public ProgressBar(Func<long> bytesDone, long? totalBytes)
    {
        _done = bytesDone;
        _total = totalBytes;
        if (!Console.IsErrorRedirected)
            _timer = new Timer(_ => Draw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250));
    }

    private void Draw()
    {
        lock (_lock)
        {
            long done = _done();
            double seconds = Math.Max(_watch.Elapsed.TotalSeconds, 1e-3);
            string rate = $"{done / 1e6 / seconds,7:F1} MB/s";
            string line = _total is > 0 and long total
                ? $"[{new string('#', (int)(Width * Math.Min(1.0, (double)done / total))),-Width}] {100.0 * done / total,5:F1}% {done / 1e6:F0}/{total / 1e6:F0} MB {rate}"
                : $"{done / 1e6:F1} MB {rate}";
            Console.Error.Write("\r" + line);
            _shown = true;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            if (_shown)
                Console.Error.Write("\r" + new string(' ', Width + 50) + "\r");
        }
    }
}
