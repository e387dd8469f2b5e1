// Tessera benchmarks.
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- compare FILE [--encoding o200k_base] [--repeat 5] [--json] [--regex-engine]
//       (--regex-engine: the encoding's pattern on the general code-point regex engine instead of its hand-written splitter)
//       cold and warm throughput on a real file, in a fresh process (see CompareCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- compare-hf FILE --tokenizer PATH [--repeat 3] [--json]
//       a tokenizer.json: load, cold and warm throughput per line and as one string (see CompareHuggingFaceCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- load-hf TOKENIZER.json [--repeat 10] [--json]
//       loading a tokenizer.json in-process: the first load, then the median and best of the next (see LoadHuggingFaceCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- unigram FILE TOKENIZER.json [--repeat 5] [--json]
//       Unigram model and pipeline throughput, one thread (see UnigramCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- spm MODEL FILE [--repeat 3] [--json]
//       a SentencePiece .model against spm_encode on the same file, one sentence per line (see SentencePieceCommand.cs)
//   dotnet run -c Release --project bench/Tessera.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter '*Encode*']
using BenchmarkDotNet.Running;
using Tessera.Benchmarks;

if (args.Length > 0 && args[0] == "profile")
    return ProfileCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "compare-hf")
    return CompareHuggingFaceCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "load-hf")
    return LoadHuggingFaceCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "unigram")
    return UnigramCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "spm")
    return SentencePieceCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "compare")
    return CompareCommand.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(CompareCommand).Assembly).Run(args);
return 0;
