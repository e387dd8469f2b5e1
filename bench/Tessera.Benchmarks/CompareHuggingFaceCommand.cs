using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tessera.Benchmarks;

/// <summary>
/// A tokenizer.json on a real file, measured as the Hugging Face driver of scripts/bench-hf.mjs measures Hugging Face
/// (anchors' encode.mjs --impl hf --bench): load in a fresh process (file read, parse, first encode), a cold first pass
/// over the lines, warm passes, and the whole file as one string. Ids only, special tokens as text, nothing added.
/// </summary>
internal static class CompareHuggingFaceCommand
{
    public static int Run(string[] args)
    {
        string file = args[0];
        string path = Measure.Option(args, "--tokenizer") ?? throw new ArgumentException("--tokenizer PATH is required");
        int repeat = int.Parse(Measure.Option(args, "--repeat") ?? "3", System.Globalization.CultureInfo.InvariantCulture);

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
        result["lines_cold_mb_per_s"] = Measure.Rate(mb, () => { foreach (string line in lines) tokens += tokenizer.EncodeToIds(line, false, false).Length; });
        result["lines_mb_per_s"] = Measure.Best(repeat, mb, () => { foreach (string line in lines) tokenizer.EncodeToIds(line, false, false); });
        result["string_mb_per_s"] = Measure.Best(repeat, mb, () => tokenizer.EncodeToIds(text, false, false));
        result["tokens"] = tokens;
        result["max_rss_mb"] = Environment.WorkingSet / 1_000_000;
        if (args.Contains("--json"))
            Console.WriteLine(JsonSerializer.Serialize(result));
        else
            foreach (var (key, value) in result) Console.WriteLine($"{key,-22} {value}");
        return 0;
    }
}
