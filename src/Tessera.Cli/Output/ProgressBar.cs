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
    private readonly Func<long?> _total;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _lock = new();
    private readonly string _label;
    private readonly string? _unit;
    private bool _shown;

    /// <summary>
    /// A bar over <paramref name="totalBytes"/> bytes (MB and MB/s shown), or, with a <paramref name="unit"/>, over that
    /// many items of it; <paramref name="label"/> names the phase.
    /// </summary>
    public ProgressBar(Func<long> bytesDone, long? totalBytes, string label = "", string? unit = null)
        : this(bytesDone, () => totalBytes, label, unit)
    {
    }

    /// <summary>A bar whose total is known only as the work goes on (<paramref name="total"/> gives it, or null while unknown).</summary>
    public ProgressBar(Func<long> done, Func<long?> total, string label = "", string? unit = null)
    {
        _done = done;
        _total = total;
        _label = label.Length > 0 ? label + " " : "";
        _unit = unit;
        if (!Console.IsErrorRedirected)
            _timer = new Timer(_ => Draw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250));
    }

    private void Draw()
    {
        lock (_lock)
        {
            long done = _done();
            long? known = _total();
            double seconds = Math.Max(_watch.Elapsed.TotalSeconds, 1e-3);
            string line = _unit is { } unit
                ? known is > 0 and long all
                    ? $"{Bar(done, all)} {done}/{all} {unit} {done / seconds,7:F0} {unit}/s"
                    : $"{done} {unit} {done / seconds,7:F0} {unit}/s"
                : known is > 0 and long total
                    ? $"{Bar(done, total)} {done / 1e6:F0}/{total / 1e6:F0} MB {done / 1e6 / seconds,7:F1} MB/s"
                    : $"{done / 1e6:F1} MB {done / 1e6 / seconds,7:F1} MB/s";
            Console.Error.Write("\r" + _label + line);
            _shown = true;
        }
    }

    private static string Bar(long done, long total) =>
        $"[{new string('#', (int)(Width * Math.Min(1.0, (double)done / total))),-Width}] {100.0 * Math.Min(done, total) / total,5:F1}%";

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            if (_shown)
                Console.Error.Write("\r" + new string(' ', Width + 70) + "\r");
        }
    }
}
