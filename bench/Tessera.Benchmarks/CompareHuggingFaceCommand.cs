using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tessera.Benchmarks;

/// <summary>
/// A tokenizer.json on a real file, measured as the Hugging Face driver of scripts/bench-hf.mjs measures Hugging Face
/// (anchors' encode.mjs --impl hf --bench): load in a fresh process (file read, parse, first encode), a cold first pass
/// over the lines, warm passes, and the whole file as one string. Ids only, special tokens as text, nothing added.
/// With <c>--tiktoken NAME</c> instead of <c>--tokenizer</c>, the core's encoder for a tiktoken encoding is measured
/// the same way (GPT-4o's tokenizer.json is o200k_base), to set a lowered pipeline beside the core's speed.
/// </summary>
internal static class CompareHuggingFaceCommand
{
    public static int Run(string[] args)
    {
        string file = args[0];
        int repeat = int.Parse(Measure.Option(args, "--repeat") ?? "3", System.Globalization.CultureInfo.InvariantCulture);

        if (Measure.Option(args, "--tiktoken") is { } encoding)
            return RunCore(file, encoding, repeat, args.Contains("--json"));
        string path = Measure.Option(args, "--tokenizer") ?? throw new ArgumentException("--tokenizer PATH or --tiktoken NAME is required");
        var load = Stopwatch.StartNew();
        Tokenizer tokenizer = Tokenizer.Load(path);
        double parseMs = load.Elapsed.TotalMilliseconds;
        tokenizer.EncodeToIds("warm up the first call", addSpecialTokens: false, matchSpecialTokens: false);
        double loadMs = load.Elapsed.TotalMilliseconds;

        string text = File.ReadAllText(file);
        string[] lines = text.Split('\n');
        double mb = Encoding.UTF8.GetByteCount(text) / 1e6;
        long tokens = 0;
        var result = new Dictionary<string, object>
        {
            ["impl"] = "tessera",
            ["tokenizer"] = path,
            ["lowered"] = tokenizer.IsLowered,
            ["parse_ms"] = Math.Round(parseMs, 1),
            ["load_ms"] = Math.Round(loadMs, 1),
        };
        double jit = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds, jitHere = System.Runtime.JitInfo.GetCompilationTime(currentThread: true).TotalMilliseconds;
        long faults = Measure.MinorFaults();
        double cpu = Measure.ThreadCpuMs();
        int collections = GC.CollectionCount(0);
        result["lines_cold_mb_per_s"] = Measure.Rate(mb, () => { foreach (string line in lines) tokens += tokenizer.EncodeToIds(line, false, false).Length; });
        result["lines_cold_cpu_ms"] = Math.Round(Measure.ThreadCpuMs() - cpu, 1);
        result["lines_cold_page_faults"] = Measure.MinorFaults() - faults;
        result["lines_cold_gen0_collections"] = GC.CollectionCount(0) - collections;
        result["lines_cold_jit_ms"] = Math.Round(System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds - jit, 1);
        result["lines_cold_jit_this_thread_ms"] = Math.Round(System.Runtime.JitInfo.GetCompilationTime(currentThread: true).TotalMilliseconds - jitHere, 1);
        if (args.Contains("--second-cold"))
        {
            // A second tokenizer from the same file, its caches empty, with the code the first pass compiled: the cost of
            // new text alone, without the runtime's first-use work (compiling, tiering).
            Tokenizer second = Tokenizer.Load(path);
            cpu = Measure.ThreadCpuMs();
            result["lines_second_cold_mb_per_s"] = Measure.Rate(mb, () => { foreach (string line in lines) second.EncodeToIds(line, false, false); });
            result["lines_second_cold_cpu_ms"] = Math.Round(Measure.ThreadCpuMs() - cpu, 1);
        }
        if (repeat > 0) // --repeat 0: the cold pass alone (to profile it)
        {
            result["lines_mb_per_s"] = Measure.Best(repeat, mb, () => { foreach (string line in lines) tokenizer.EncodeToIds(line, false, false); });
            result["string_mb_per_s"] = Measure.Best(repeat, mb, () => tokenizer.EncodeToIds(text, false, false));
        }
        result["tokens"] = tokens;
        return Print(result, args.Contains("--json"));
    }

    private static int RunCore(string file, string encoding, int repeat, bool json)
    {
        var load = Stopwatch.StartNew();
        TiktokenTokenizer tokenizer = TiktokenTokenizer.Get(encoding);
        tokenizer.Encode("warm up the first call", SpecialTokenPolicy.Ordinary);
        double loadMs = load.Elapsed.TotalMilliseconds;
        string text = File.ReadAllText(file);
        string[] lines = text.Split('\n');
        double mb = Encoding.UTF8.GetByteCount(text) / 1e6;
        long tokens = 0;
        var result = new Dictionary<string, object> { ["impl"] = "tessera-core", ["tokenizer"] = encoding, ["load_ms"] = Math.Round(loadMs, 1) };
        result["lines_cold_mb_per_s"] = Measure.Rate(mb, () => { foreach (string line in lines) tokens += tokenizer.Encode(line, SpecialTokenPolicy.Ordinary).Length; });
        result["lines_mb_per_s"] = Measure.Best(repeat, mb, () => { foreach (string line in lines) tokenizer.Encode(line, SpecialTokenPolicy.Ordinary); });
        result["string_mb_per_s"] = Measure.Best(repeat, mb, () => tokenizer.Encode(text, SpecialTokenPolicy.Ordinary));
        result["tokens"] = tokens;
        return Print(result, json);
    }

    private static int Print(Dictionary<string, object> result, bool json)
    {
        result["max_rss_mb"] = Environment.WorkingSet / 1_000_000;
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(result));
        else
            foreach (var (key, value) in result) Console.WriteLine($"{key,-22} {value}");
        return 0;
    }
}
