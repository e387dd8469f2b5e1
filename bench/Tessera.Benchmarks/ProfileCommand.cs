using System.Diagnostics;
using Tessera.Internal;
using Tessera.PreTokenizers;

namespace Tessera.Benchmarks;

/// <summary>Splits the encode cost into its stages on a file: pre-tokenize only, plus whole-piece lookup, full encode.</summary>
internal static class ProfileCommand
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int CountPieces<T>(T splitter, ReadOnlySpan<byte> utf8) where T : struct, IPieceSplitter
    {
        int pieces = 0;
        for (int pos = 0; pos < utf8.Length;)
        {
            pos = splitter.NextPiece(utf8, pos, out _);
            pieces++;
        }
        return pieces;
    }

    public static int Run(string[] args)
    {
        if (args[0] == "--load")
        {
            if (args.Length > 2)
            {
                var warm = Stopwatch.StartNew();
                TiktokenTokenizer.Get(args[2]).Encode("warm the code paths", SpecialTokenPolicy.Ordinary);
                Console.WriteLine($"{args[2]} first (JIT included): {warm.Elapsed.TotalMilliseconds:F1} ms");
            }
            var w = Stopwatch.StartNew();
            var t = TiktokenTokenizer.Get(args[1]);
            double load = w.Elapsed.TotalMilliseconds;
            t.Encode("hello world", SpecialTokenPolicy.Ordinary);
            Console.WriteLine($"{args[1]}: load {load:F1} ms, load + first encode {w.Elapsed.TotalMilliseconds:F1} ms, tables {t.MemoryBytes / 1e6:F1} MB; " +
                $"JIT so far {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1} ms for {System.Runtime.JitInfo.GetCompiledMethodCount()} methods");
            return 0;
        }
        byte[] utf8 = File.ReadAllBytes(args[0]);
        var tokenizer = TiktokenTokenizer.Get(args.Length > 1 ? args[1] : "o200k_base");
        var table = tokenizer.Encoder.Table;
        double mb = utf8.Length / 1e6;
        if (args.Contains("--misses"))
        {
            var distinct = new Dictionary<string, int>();
            var sp = new O200kSplitter();
            var lengths = new int[8];
            long missCount = 0;
            for (int pos = 0; pos < utf8.Length;)
            {
                int end = sp.NextPiece(utf8, pos, out int start);
                var piece = utf8.AsSpan(start, end - start);
                if (table.RankOf(piece) < 0)
                {
                    missCount++;
                    string key = Convert.ToBase64String(piece);
                    distinct[key] = distinct.GetValueOrDefault(key) + 1;
                }
                pos = end;
            }
            foreach (var k in distinct.Keys) { int n = Convert.FromBase64String(k).Length; lengths[Math.Min(7, n / 8)]++; }
            Console.WriteLine($"misses {missCount:N0}, distinct {distinct.Count:N0}; distinct by length /8: {string.Join(" ", lengths)}");
            Console.WriteLine("top: " + string.Join(" | ", distinct.OrderByDescending(x => x.Value).Take(15).Select(x => $"{System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(x.Key)).Replace("\n", "\\n")}:{x.Value}")));
            return 0;
        }
        if (args.Contains("--merges"))
        {
            // The pieces that need merging (not tokens themselves), each once, in order of first appearance: the merge cost a cold pass pays.
            var seen = new HashSet<string>();
            var pieces = new List<byte[]>();
            var sp = new O200kSplitter();
            for (int pos = 0; pos < utf8.Length;)
            {
                int end = sp.NextPiece(utf8, pos, out int start);
                var piece = utf8.AsSpan(start, end - start);
                if (piece.Length < Tessera.Models.Bpe.BytePairMerge.HeapThreshold && table.RankOf(piece) < 0 && seen.Add(Convert.ToBase64String(piece)))
                    pieces.Add(piece.ToArray());
                pos = end;
            }
            long bytes = pieces.Sum(p => (long)p.Length);
            int[] ids = new int[256];
            double best = double.MaxValue;
            for (int round = 0; round < 5; round++)
            {
                var w = Stopwatch.StartNew();
                foreach (byte[] piece in pieces)
                    Tessera.Models.Bpe.MergeByScan.Encode(table, piece, ids);
                best = Math.Min(best, w.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"merge {pieces.Count:N0} distinct non-token pieces ({bytes / (double)pieces.Count:F1} B avg) by their bytes: best of 5 {best * 1e6 / pieces.Count:F0} ns/piece");
            // The same pieces merged by the pair table (built here, as the library builds it once and keeps it in the table cache).
            var bw = Stopwatch.StartNew();
            var pairTable = Tessera.Models.Bpe.PairTable.Build(table)!;
            Console.WriteLine($"pair table built in {bw.Elapsed.TotalMilliseconds:F1} ms, {pairTable.Bytes / 1e6:F1} MB");
            int[] byPairs = new int[256];
            int differ = 0;
            foreach (byte[] piece in pieces)
            {
                int n1 = Tessera.Models.Bpe.MergeByScan.Encode(table, piece, ids);
                int n2 = Tessera.Models.Bpe.MergeByPairs.Encode(table, pairTable, piece, byPairs);
                if (!ids.AsSpan(0, n1).SequenceEqual(byPairs.AsSpan(0, n2))) differ++;
            }
            best = double.MaxValue;
            for (int round = 0; round < 5; round++)
            {
                var w = Stopwatch.StartNew();
                foreach (byte[] piece in pieces)
                    Tessera.Models.Bpe.MergeByPairs.Encode(table, pairTable, piece, ids);
                best = Math.Min(best, w.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"by pairs: best of 5 {best * 1e6 / pieces.Count:F0} ns/piece; {differ} pieces merged differently");
            return 0;
        }
        if (args.Contains("--sinks"))
        {
            var lineList = new List<(int, int)>();
            for (int s0 = 0; s0 < utf8.Length;)
            {
                int nl = utf8.AsSpan(s0).IndexOf((byte)'\n');
                int e0 = nl < 0 ? utf8.Length : s0 + nl;
                lineList.Add((s0, e0));
                s0 = e0 + 1;
            }
            int[] dest = new int[utf8.Length];
            for (int round = 0; round < 4; round++)
            {
                var w = Stopwatch.StartNew();
                tokenizer.CountTokensUtf8(utf8, SpecialTokenPolicy.Ordinary);
                double a = w.Elapsed.TotalSeconds; w.Restart();
                tokenizer.EncodeUtf8(utf8, dest, out _, SpecialTokenPolicy.Ordinary);
                double b = w.Elapsed.TotalSeconds; w.Restart();
                foreach (var (s0, e0) in lineList) tokenizer.CountTokensUtf8(utf8.AsSpan(s0, e0 - s0), SpecialTokenPolicy.Ordinary);
                double c = w.Elapsed.TotalSeconds; w.Restart();
                int at = 0;
                foreach (var (s0, e0) in lineList) { tokenizer.EncodeUtf8(utf8.AsSpan(s0, e0 - s0), dest.AsSpan(at), out int n, SpecialTokenPolicy.Ordinary); at += n; }
                double d = w.Elapsed.TotalSeconds;
                Console.WriteLine($"whole count {mb / a:F0}, whole span {mb / b:F0}, lines count {mb / c:F0}, lines span {mb / d:F0} MB/s");
            }
            return 0;
        }
        if (args.Contains("--halves"))
        {
            int half = utf8.AsSpan(0, utf8.Length / 2).LastIndexOf((byte)'\n') + 1;
            foreach (var (name, part) in new[] { ("first half", utf8.AsMemory(0, half)), ("second half", utf8.AsMemory(half)), ("first half again", utf8.AsMemory(0, half)) })
            {
                var w = Stopwatch.StartNew();
                int n = tokenizer.EncodeUtf8(part.Span, SpecialTokenPolicy.Ordinary).Length;
                Console.WriteLine($"{name}: {part.Length / 1e6 / w.Elapsed.TotalSeconds:F1} MB/s ({n:N0} tokens)");
                w.Restart();
                var sink = new CountSink();
                tokenizer.Encoder.Encode(part.Span, SpecialTokenPolicy.Ordinary, ref sink, out _);
                Console.WriteLine($"{name} count: {part.Length / 1e6 / w.Elapsed.TotalSeconds:F1} MB/s");
            }
            return 0;
        }
        for (int round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            var splitter = new O200kSplitter();
            int pieces = CountPieces(splitter, utf8);
            double split = watch.Elapsed.TotalSeconds;
            watch.Restart();
            int misses = 0;
            for (int pos = 0; pos < utf8.Length;)
            {
                int end = splitter.NextPiece(utf8, pos, out int start);
                if (table.RankOf(utf8.AsSpan(start, end - start)) < 0) misses++;
                pos = end;
            }
            double lookup = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var sink = new CountSink();
            tokenizer.Encoder.Encode(utf8, SpecialTokenPolicy.Ordinary, ref sink, out _);
            double full = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var cache = new PretokenCache();
            int hits = 0, merged = 0;
            int[] ids = new int[64];
            for (int pos = 0; pos < utf8.Length;)
            {
                int end = splitter.NextPiece(utf8, pos, out int start);
                var piece = utf8.AsSpan(start, end - start);
                if (table.RankOf(piece) < 0 && piece.Length <= PretokenCache.MaxKeyLength)
                {
                    ulong h = Tessera.Models.Bpe.ByteKey.Hash(piece, Tessera.Models.Bpe.ByteKey.Prefix(piece));
                    if (cache.TryGet(piece, h, ids, out _)) hits++;
                    else { merged++; int n = Tessera.Models.Bpe.BytePairMerge.Encode(table, piece, ids); cache.Set(piece, h, ids[..n]); }
                }
                pos = end;
            }
            double withCache = watch.Elapsed.TotalSeconds;
            var pieceCache = new PieceCache();
            int shortHits = 0, shortPieces = 0;
            for (int pos = 0; pos < utf8.Length;)
            {
                int end = splitter.NextPiece(utf8, pos, out int start);
                var piece = utf8.AsSpan(start, end - start);
                if (piece.Length <= PieceCache.MaxKeyLength)
                {
                    shortPieces++;
                    ulong low = Tessera.Models.Bpe.ByteKey.Prefix(piece), high = Tessera.Models.Bpe.ByteKey.Second(piece);
                    if (pieceCache.TryGet(low, high, piece.Length, out _, out _, out _) > 0) shortHits++;
                    else { int r = table.RankOf(piece); if (r >= 0) pieceCache.Set(low, high, piece.Length, [r]); }
                }
                pos = end;
            }
            Console.WriteLine($"pieces of up to 16 bytes {shortPieces:N0} of {pieces:N0}, piece-cache hits {shortHits:N0} ({100.0 * shortHits / shortPieces:F1}%)");
            Console.WriteLine($"cache hits {hits:N0}, merges {merged:N0}; split+lookup+cache {mb / withCache:F0} MB/s");
            Console.WriteLine($"round {round}: pieces {pieces:N0} ({utf8.Length / (double)pieces:F2} B/piece), misses {misses:N0} ({100.0 * misses / pieces:F1}%); " +
                $"split {mb / split:F0} MB/s, split+lookup {mb / lookup:F0} MB/s, count {mb / full:F0} MB/s");
        }
        return 0;
    }
}
