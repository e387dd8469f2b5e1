using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Tessera.Models;
using Tessera.Models.Unigram;
using Tessera.Text;

namespace Tessera.Benchmarks;

/// <summary>
/// Unigram throughput on a real file, one thread, for comparison with Hugging Face's Node binding run on the same
/// tokenizer.json by the anchors' encode.mjs (<c>--impl hf --bench FILE</c>: the whole file as one string, and its
/// lines through <c>encodeBatch</c> with RAYON_NUM_THREADS=1):
/// <list type="bullet">
/// <item><c>viterbi_cpu_mb_per_s</c>: the model without its piece cache (every piece through Viterbi);</item>
/// <item><c>model_mb_per_s</c>: the model alone (Viterbi and token emission) on the pieces the pipeline gives it, cut
/// beforehand from the file's lines (the normalizer and pre-tokenizer are not timed);</item>
/// <item><c>lines_mb_per_s</c>: <see cref="Tokenizer.Encode(string, bool, bool)"/> on each line, the full pipeline
/// (skipped with <c>--model-only</c>), and of that the added-token split, normalizer and pre-tokenizer alone.</item>
/// </list>
/// MB/s is 10^6 bytes of the file's UTF-8 per second, best of the repeats after one cold pass; the <c>_cpu_</c>
/// figures divide by the process's CPU time instead of the wall clock (steadier when other work shares the cores).
///   dotnet run -c Release --project bench/Tessera.Benchmarks -- unigram FILE TOKENIZER.json [--repeat 5] [--json] [--model-only]
/// </summary>
internal static class UnigramCommand
{
    public static int Run(string[] args)
    {
        string file = args[0];
        string json = args[1];
        int repeat = int.Parse(Measure.Option(args, "--repeat") ?? "5", System.Globalization.CultureInfo.InvariantCulture);

        var load = Stopwatch.StartNew();
        Tokenizer tokenizer = Tokenizer.Load(json);
        double loadMs = load.Elapsed.TotalMilliseconds;
        if (tokenizer.Pipeline.Model is not UnigramModel model)
        {
            Console.Error.WriteLine($"{json}: not a Unigram model");
            return 2;
        }

        byte[] utf8 = File.ReadAllBytes(file);
        string text = Encoding.UTF8.GetString(utf8);
        string[] lines = text.Split('\n');
        double mb = utf8.Length / 1e6;

        // The pieces the model sees, in one arena.
        var arena = new MemoryStream();
        var bounds = new List<(int Start, int Length)>();
        void Cut(bool keep)
        {
            foreach (string line in lines)
            {
                PreTokenizedString pieces = tokenizer.Pipeline.AddedVocabulary.ExtractAndNormalize(line, tokenizer.Pipeline.Normalizer, matchSpecial: false);
                tokenizer.Pipeline.PreTokenizer?.PreTokenize(pieces);
                if (!keep)
                    continue;
                foreach (PreTokenSplit split in pieces.Splits)
                {
                    if (split.Tokens is not null)
                        continue;
                    bounds.Add(((int)arena.Length, split.Text.Length));
                    arena.Write(split.Text.Normalized);
                }
            }
        }
        Cut(keep: true);
        byte[] all = arena.ToArray();

        var result = new Dictionary<string, object>
        {
            ["impl"] = "tessera",
            ["tokenizer"] = Path.GetFullPath(json),
            ["file"] = Path.GetFullPath(file),
            ["bytes"] = utf8.Length,
            ["pieces"] = bounds.Count,
            ["vocab"] = model.VocabularySize,
            ["trie_cells"] = model.Trie.Cells,
            ["load_ms"] = Math.Round(loadMs, 1),
        };
        void Report(string key, object value)
        {
            result[key] = value;
            if (!args.Contains("--json"))
                Console.WriteLine($"{key,-32} {value}");
        }
        if (!args.Contains("--json"))
            foreach (var (key, value) in result) Console.WriteLine($"{key,-32} {value}");
        var output = new List<Token>(1024);
        long tokens = 0;
        void Model()
        {
            tokens = 0;
            foreach ((int start, int length) in bounds)
            {
                output.Clear();
                model.Tokenize(all.AsSpan(start, length), output);
                tokens += output.Count;
            }
        }
        UnigramModel cached = model;
        var uncached = new UnigramModel(model.Pieces.ToArray(), model.UnkId, model.ByteFallback) { CachePieces = false };
        model = uncached;
        Report("viterbi_cpu_mb_per_s", BestCpu(repeat, mb, Model));
        model = cached;
        Report("model_cold_mb_per_s", Measure.Rate(mb, Model));
        Report("model_mb_per_s", Measure.Best(repeat, mb, Model));
        Report("model_cpu_mb_per_s", BestCpu(repeat, mb, Model));
        Report("tokens", tokens);
        Report("allocated_bytes_per_model_pass", Allocated(Model));

        if (!args.Contains("--model-only"))
            Report("normalize_and_pretokenize_cpu_mb_per_s", BestCpu(Math.Max(1, repeat / 2), mb, () => Cut(keep: false)));
        if (!args.Contains("--model-only"))
        {
            void Lines()
            {
                foreach (string line in lines)
                    tokenizer.Encode(line, addSpecialTokens: false, matchSpecialTokens: false);
            }
            Report("lines_mb_per_s", Measure.Best(Math.Max(1, repeat / 2), mb, Lines));
            Report("lines_cpu_mb_per_s", BestCpu(Math.Max(1, repeat / 2), mb, Lines));
        }
        if (args.Contains("--json"))
            Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>By the process's CPU time rather than the wall clock: steadier when other work shares the cores.</summary>
    private static double BestCpu(int repeat, double mb, Action action)
    {
        double best = 0;
        for (int i = 0; i < repeat; i++)
        {
            TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
            action();
            double seconds = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
            best = Math.Max(best, Math.Round(mb / Math.Max(seconds, 1e-6), 2));
        }
        return best;
    }
}
