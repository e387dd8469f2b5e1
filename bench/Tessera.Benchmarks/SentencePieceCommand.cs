using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Tessera.Benchmarks;

/// <summary>
/// SentencePiece throughput against <c>spm_encode</c> in the same run, on the same file, one line per sentence as
/// spm_encode reads it:
/// <code>dotnet run -c Release --project bench/Tessera.Benchmarks -- spm MODEL FILE [--repeat 3] [--buffer] [--json]</code>
/// First spm_encode, twice (whole processes: reading standard input as anchors/spm-bench.sh does, then reading the
/// file with --input, ids written to a temporary file; wall time and CPU time from the children's rusage, model load
/// and id writing included), then Tessera in this process: load, one cold pass (the BPE
/// word cache empty), <c>--repeat</c> warm passes; wall time and this thread's CPU time (the VM is shared, so CPU time is
/// the steadier figure for both). Then every line's ids are compared with spm_encode's. MB/s is 10^6 input bytes per second.
/// Each line's ids come as a new array (<see cref="SentencePieceTokenizer.EncodeToIds(ReadOnlySpan{byte})"/>), or, with
/// <c>--buffer</c>, are written into one buffer (the overload with a destination, which allocates nothing).
/// </summary>
internal static class SentencePieceCommand
{
    public static int Run(string[] args)
    {
        string model = args[0], file = args[1];
        int repeat = int.Parse(Option(args, "--repeat") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        Func<SentencePieceTokenizer, byte[], List<(int Start, int Length)>, long> encodeLines = args.Contains("--buffer") ? EncodeLinesIntoBuffer : EncodeLines;
        byte[] data = File.ReadAllBytes(file);
        double mb = data.Length / 1e6;
        var lines = new List<(int Start, int Length)>();
        for (int start = 0, i = 0; i <= data.Length; i++)
        {
            if (i == data.Length ? start < data.Length : data[i] == (byte)'\n')
            {
                lines.Add((start, i - start));
                start = i + 1;
            }
        }

        // spm_encode, as child processes: reading standard input, as anchors/spm-bench.sh runs it (encode-bench), and
        // reading the file itself (--input), which is faster (its stdin reading costs about a third more CPU).
        if (args.Contains("--tessera-only"))
            return TesseraOnly(model, data, lines, repeat, encodeLines);
        (double stdinWall, double stdinCpu) = Child("bash", ["-c", $"spm_encode --model='{model}' --output_format=id < '{file}' > /dev/null"]);
        string idsFile = Path.GetTempFileName();
        (double spmWall, double spmCpu) = Child("spm_encode", [$"--model={model}", "--output_format=id", $"--input={file}", $"--output={idsFile}"]);

        // Tessera, in this process.
        var wall = Stopwatch.StartNew();
        var tokenizer = SentencePieceTokenizer.Load(model);
        double loadMs = wall.Elapsed.TotalMilliseconds;
        var result = new Dictionary<string, object>
        {
            ["model"] = Path.GetFileName(model),
            ["type"] = tokenizer.ModelType.ToString(),
            ["ids_into"] = args.Contains("--buffer") ? "buffer" : "arrays",
            ["bytes"] = data.Length,
            ["lines"] = lines.Count,
            ["spm_encode_stdin_wall_mb_per_s"] = Math.Round(mb / stdinWall, 2),
            ["spm_encode_stdin_cpu_mb_per_s"] = Math.Round(mb / stdinCpu, 2),
            ["spm_encode_input_wall_mb_per_s"] = Math.Round(mb / spmWall, 2),
            ["spm_encode_input_cpu_mb_per_s"] = Math.Round(mb / spmCpu, 2),
            ["tessera_load_ms"] = Math.Round(loadMs, 1),
        };
        long tokens = 0;
        (double coldWall, double coldCpu) = Pass(() => tokens += encodeLines(tokenizer, data, lines));
        result["tessera_cold_wall_mb_per_s"] = Math.Round(mb / coldWall, 1);
        result["tessera_cold_cpu_mb_per_s"] = Math.Round(mb / coldCpu, 1);
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        for (int r = 0; r < repeat; r++)
        {
            (double w, double c) = Pass(() => encodeLines(tokenizer, data, lines));
            bestWall = Math.Min(bestWall, w);
            bestCpu = Math.Min(bestCpu, c);
        }
        result["tessera_warm_wall_mb_per_s"] = Math.Round(mb / bestWall, 1);
        result["tessera_warm_cpu_mb_per_s"] = Math.Round(mb / bestCpu, 1);
        result["ratio_stdin_cold_wall"] = Math.Round(stdinWall / coldWall, 1);
        result["ratio_stdin_cold_cpu"] = Math.Round(stdinCpu / coldCpu, 1);
        result["ratio_stdin_warm_cpu"] = Math.Round(stdinCpu / bestCpu, 1);
        result["ratio_input_cold_wall"] = Math.Round(spmWall / coldWall, 1);
        result["ratio_input_cold_cpu"] = Math.Round(spmCpu / coldCpu, 1);
        result["ratio_input_warm_cpu"] = Math.Round(spmCpu / bestCpu, 1);
        result["tokens"] = tokens;

        // Every line's ids against spm_encode's.
        int differ = 0, index = 0;
        foreach (string line in File.ReadLines(idsFile))
        {
            var (s, l) = lines[index++];
            if (line != string.Join(' ', tokenizer.EncodeToIds(data.AsSpan(s, l))))
                differ++;
        }
        File.Delete(idsFile);
        result["lines_compared"] = index;
        result["lines_differing"] = differ;

        if (args.Contains("--json"))
            Console.WriteLine(JsonSerializer.Serialize(result));
        else
            foreach (var (key, value) in result) Console.WriteLine($"{key,-28} {value}");
        return differ == 0 && index == lines.Count ? 0 : 1;
    }

    /// <summary>
    /// Tessera alone (<c>--tessera-only</c>, for a profiler): load, a cold pass, <c>repeat</c> warm passes; CPU MB/s of each,
    /// with the page faults, collections and JIT time inside it.
    /// </summary>
    private static int TesseraOnly(string model, byte[] data, List<(int Start, int Length)> lines, int repeat,
        Func<SentencePieceTokenizer, byte[], List<(int Start, int Length)>, long> encodeLines)
    {
        var tokenizer = SentencePieceTokenizer.Load(model);
        for (int r = 0; r <= repeat; r++)
        {
            long faults = Measure.MinorFaults();
            double jit = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
            (_, double cpu) = Pass(() => encodeLines(tokenizer, data, lines));
            Console.WriteLine($"{(r == 0 ? "cold" : "warm")} {data.Length / 1e6 / cpu:F1} MB/s, {Measure.MinorFaults() - faults} faults, gen0 {GC.CollectionCount(0)}, jit {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds - jit:F1} ms");
        }
        return 0;
    }

    /// <summary>
    /// Every line through <see cref="SentencePieceTokenizer.EncodeToIds(ReadOnlySpan{byte})"/>; the number of ids. Compiled
    /// optimized at once, so that the cold pass times the tokenizer rather than this loop running unoptimized.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long EncodeLines(SentencePieceTokenizer tokenizer, byte[] data, List<(int Start, int Length)> lines)
    {
        long tokens = 0;
        foreach (var (start, length) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines))
            tokens += tokenizer.EncodeToIds(data.AsSpan(start, length)).Length;
        return tokens;
    }

    /// <summary>Every line's ids written into one buffer (<c>--buffer</c>); the number of ids.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long EncodeLinesIntoBuffer(SentencePieceTokenizer tokenizer, byte[] data, List<(int Start, int Length)> lines)
    {
        long tokens = 0;
        int[] ids = new int[1 << 16];
        foreach (var (start, length) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines))
        {
            ReadOnlySpan<byte> line = data.AsSpan(start, length);
            if (tokenizer.EncodeToIds(line, ids, out int written) != System.Buffers.OperationStatus.Done)
            {
                ids = new int[tokenizer.EncodeToIds(line).Length]; // a line of more ids than the buffer holds
                tokenizer.EncodeToIds(line, ids, out written);
            }
            tokens += written;
        }
        return tokens;
    }

    /// <summary>Runs a child process to its end: its wall time and CPU time (user + system, from the children's rusage).</summary>
    private static (double Wall, double Cpu) Child(string program, string[] arguments)
    {
        Rusage before = Children();
        var wall = Stopwatch.StartNew();
        using (var child = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!)
        {
            child.StandardError.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0)
                throw new InvalidOperationException($"{program} failed ({child.ExitCode})");
        }
        return (wall.Elapsed.TotalSeconds, Children().Seconds - before.Seconds);
    }

    private static (double Wall, double Cpu) Pass(Action action)
    {
        double cpu = ThreadCpuSeconds();
        var wall = Stopwatch.StartNew();
        action();
        return (wall.Elapsed.TotalSeconds, ThreadCpuSeconds() - cpu);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds, Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;

        public readonly double Seconds => UserSeconds + SystemSeconds + (UserMicroseconds + SystemMicroseconds) / 1e6;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    private static double ThreadCpuSeconds()
    {
        ClockGetTime(3, out Timespec time); // CLOCK_THREAD_CPUTIME_ID
        return time.Seconds + time.Nanoseconds / 1e9;
    }

    private static Rusage Children()
    {
        GetRusage(-1, out Rusage usage); // RUSAGE_CHILDREN
        return usage;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
