// Tessera benchmarks.
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- compare FILE [--encoding o200k_base] [--repeat 5] [--json] [--regex-engine]
//       (--regex-engine: the encoding's pattern on the general code-point regex engine instead of its hand-written splitter)
//       cold and warm throughput on a real file, in a fresh process (see CompareCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- compare-hf FILE --tokenizer PATH [--repeat 3] [--json]
//       a tokenizer.json: load, cold and warm throughput per line and as one string (see CompareHuggingFaceCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- load-hf TOKENIZER.json [--repeat 10] [--warm OTHER.json] [--json]
//       loading a tokenizer.json in-process: the first load, then the median and best of the next (see LoadHuggingFaceCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- unigram FILE TOKENIZER.json [--repeat 5] [--json]
//       Unigram model and pipeline throughput, one thread (see UnigramCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- spm MODEL FILE [--repeat 3] [--json]
//       a SentencePiece .model against spm_encode on the same file, one sentence per line (see SentencePieceCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter '*Encode*']
using BenchmarkDotNet.Running;
using Tessera.Benchmarks;

Func<string[], int>? command = args.Length == 0 ? null : args[0] switch
{
    "profile" => ProfileCommand.Run,
    "compare-hf" => CompareHuggingFaceCommand.Run,
    "load-hf" => LoadHuggingFaceCommand.Run,
    "unigram" => UnigramCommand.Run,
    "spm" => SentencePieceCommand.Run,
    "compare" => CompareCommand.Run,
    _ => null,
};
if (command is null)
{
    BenchmarkSwitcher.FromAssembly(typeof(CompareCommand).Assembly).Run(args);
    return 0;
}
try
{
    return command(args[1..]);
}
catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or FormatException or IOException or InvalidOperationException)
{
    // A missing argument or file: one line, not a stack trace (the usage is at the top of Program.cs).
    Console.Error.WriteLine($"{args[0]}: {e.Message} (usage: see the top of bench/Tessera.Benchmarks/Program.cs)");
    return 2;
}
