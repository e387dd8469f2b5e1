using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tessera.Benchmarks;

/// <summary>
/// Throughput on a real file, measured the way the reference tools' benchmark drivers (run by scripts/bench-compare.mjs) measure them, so the
/// figures sit in one table: load (first use in a fresh process), one cold pass (the first over this text: the
/// pretoken cache starts empty), then warm passes; the whole file as one string, and its lines as documents.
/// MB/s is 10^6 bytes of UTF-8 input per second.
/// </summary>
internal static class CompareCommand
{
    public static int Run(string[] args)
    {
        string file = args[0];
        string encoding = Measure.Option(args, "--encoding") ?? "o200k_base";
        int repeat = int.Parse(Measure.Option(args, "--repeat") ?? "5", System.Globalization.CultureInfo.InvariantCulture);

        var load = Stopwatch.StartNew();
        bool regexEngine = args.Contains("--regex-engine");
        var tokenizer = regexEngine ? TiktokenTokenizer.LoadWithRegexEngine(encoding) : TiktokenTokenizer.Get(encoding);
        tokenizer.Encode("warm up the first call", SpecialTokenPolicy.Ordinary);
        double loadMs = load.Elapsed.TotalMilliseconds;

        byte[] utf8 = File.ReadAllBytes(file);
        string[] lines = Encoding.UTF8.GetString(utf8).Split('\n');
        byte[][] lineBytes = [.. lines.Select(Encoding.UTF8.GetBytes)];
        double mb = utf8.Length / 1e6;

        var result = new Dictionary<string, object>
        {
            ["impl"] = regexEngine ? "tessera (regex engine)" : "tessera",
            ["encoding"] = encoding,
            ["bytes"] = utf8.Length,
            ["load_ms"] = Math.Round(loadMs, 1),
            ["vocab_mb"] = Math.Round(tokenizer.MemoryBytes / 1e6, 1),
            ["cache_mb"] = Math.Round(Tessera.Internal.BpeEncoder.CacheBytes / 1e6, 1),
        };
        // Cold: the first pass over this text, in this process.
        int tokens = 0;
        result["string_cold_mb_per_s"] = Measure.Rate(mb, () => tokens = tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary).Length, digits: 1);
        result["string_mb_per_s"] = Measure.Best(repeat, mb, () => tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary), digits: 1);
        result["lines_mb_per_s"] = Measure.Best(repeat, mb, () => { foreach (byte[] line in lineBytes) tokenizer.EncodeUtf8(line, SpecialTokenPolicy.Ordinary); }, digits: 1);
        result["count_mb_per_s"] = Measure.Best(repeat, mb, () => tokenizer.CountTokensUtf8(utf8, SpecialTokenPolicy.Ordinary), digits: 1);
        result["parallel2_mb_per_s"] = Measure.Best(repeat, mb, () => tokenizer.EncodeUtf8Parallel(utf8, SpecialTokenPolicy.Ordinary, 2), digits: 1);
        int[] ids = tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary);
        result["decode_mb_per_s"] = Measure.Best(repeat, mb, () => tokenizer.DecodeBytes(ids), digits: 1);
        result["tokens"] = tokens;
        result["max_rss_mb"] = Environment.WorkingSet / 1_000_000;

        if (args.Contains("--json"))
            Console.WriteLine(JsonSerializer.Serialize(result));
        else
            foreach (var (key, value) in result) Console.WriteLine($"{key,-22} {value}");
        return 0;
    }
}
