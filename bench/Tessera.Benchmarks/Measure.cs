using System.Diagnostics;

namespace Tessera.Benchmarks;

/// <summary>Throughput measures and option parsing the benchmark commands share.</summary>
internal static class Measure
{
    /// <summary>MB/s of one run of <paramref name="action"/> over <paramref name="mb"/> megabytes, by the wall clock.</summary>
    public static double Rate(double mb, Action action, int digits = 2)
    {
        var watch = Stopwatch.StartNew();
        action();
        return Math.Round(mb / watch.Elapsed.TotalSeconds, digits);
    }

    /// <summary>The best of <paramref name="repeat"/> rates.</summary>
    public static double Best(int repeat, double mb, Action action, int digits = 2)
    {
        double best = 0;
        for (int i = 0; i < repeat; i++) best = Math.Max(best, Rate(mb, action, digits));
        return best;
    }

    /// <summary>This process's minor page faults so far (Linux: /proc/self/stat), 0 elsewhere.</summary>
    public static long MinorFaults() =>
        File.Exists("/proc/self/stat") ? long.Parse(File.ReadAllText("/proc/self/stat").Split(' ')[9], System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>
    /// CPU milliseconds the calling thread has run so far (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), 0
    /// elsewhere. Steadier than the wall clock on a shared machine: time the thread waited for a core is not in it.
    /// </summary>
    public static double ThreadCpuMs()
    {
        if (!OperatingSystem.IsLinux())
            return 0;
        const int ClockThreadCpuTime = 3;
        return ClockGetTime(ClockThreadCpuTime, out TimeSpec spec) == 0 ? spec.Seconds * 1e3 + spec.Nanoseconds / 1e6 : 0;
    }

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec spec);

    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
