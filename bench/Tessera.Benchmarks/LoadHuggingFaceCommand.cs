using System.Diagnostics;
using System.Text.Json;

namespace Tessera.Benchmarks;

/// <summary>
/// Loading a tokenizer.json in-process, over and over: the first load (JIT and first-use set-up included, as in a fresh
/// process), then the median and best of the next ones, each without and with the first encode (which builds the
/// lowered encoder). A full collection runs between loads, so the native memory of the last one is freed first.
/// The second load (<c>second_ready_ms</c>) is the closest to an application's: the runtime is set up, and the load
/// code still runs as precompiled (ReadyToRun); from the third or fourth on, the runtime recompiles the load code with
/// instrumentation, then with its profile, and loads in between run slower than the second.
/// </summary>
internal static class LoadHuggingFaceCommand
{
    public static int Run(string[] args)
    {
        string path = args[0];
        int repeat = int.Parse(Measure.Option(args, "--repeat") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        // --warm OTHER: load another tokenizer first, so that the first load of PATH finds the runtime's code for
        // loading already prepared (what an application that loads a second tokenizer sees).
        if (Measure.Option(args, "--warm") is { } warm)
            LoadOnce(warm);
        double jitBefore = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
        long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        (double firstLoad, double firstReady, bool firstMapped) = LoadOnce(path);
        double firstJit = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds - jitBefore;
        long firstMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore;
        var loads = new List<double>();
        var ready = new List<double>();
        for (int i = 0; i < repeat; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            (double load, double total, _) = LoadOnce(path);
            loads.Add(load);
            ready.Add(total);
        }
        var result = new Dictionary<string, object>
        {
            ["tokenizer"] = path,
            ["first_load_ms"] = Math.Round(firstLoad, 1),
            ["first_ready_ms"] = Math.Round(firstReady, 1),
            ["first_from_image"] = firstMapped,
            ["first_jit_ms"] = Math.Round(firstJit, 1),
            ["first_jit_methods"] = firstMethods,
            ["second_ready_ms"] = ready.Count > 0 ? Math.Round(ready[0], 1) : 0,
            ["load_median_ms"] = Math.Round(Median(loads), 1),
            ["load_best_ms"] = loads.Count > 0 ? Math.Round(loads.Min(), 1) : 0,
            ["ready_median_ms"] = Math.Round(Median(ready), 1),
            ["ready_best_ms"] = ready.Count > 0 ? Math.Round(ready.Min(), 1) : 0,
            ["ready_each_ms"] = string.Join(' ', ready.Select(r => Math.Round(r).ToString(System.Globalization.CultureInfo.InvariantCulture))),
        };
        if (args.Contains("--json"))
            Console.WriteLine(JsonSerializer.Serialize(result));
        else
            foreach (var (key, value) in result) Console.WriteLine($"{key,-18} {value}");
        return 0;
    }

    /// <summary>
    /// Milliseconds to load, and to load and encode a first text; and whether the model was mapped from its image
    /// (the tables a first load keeps on disk: see docs/algorithms/tokenizer-pipeline.md; <c>TESSERA_CACHE_DIR=</c>, empty, turns them off).
    /// </summary>
    private static (double Load, double Ready, bool Mapped) LoadOnce(string path)
    {
        var clock = Stopwatch.StartNew();
        Tokenizer tokenizer = Tokenizer.Load(path);
        double load = clock.Elapsed.TotalMilliseconds;
        tokenizer.EncodeToIds("warm up the first call", addSpecialTokens: false, matchSpecialTokens: false);
        double ready = clock.Elapsed.TotalMilliseconds;
        return (load, ready, tokenizer.Pipeline.Model is Models.Bpe.BpeModel { Strings.Table.IsMapped: true });
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
            return 0;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
