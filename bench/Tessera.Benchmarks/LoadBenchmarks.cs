using BenchmarkDotNet.Attributes;
using Tessera.Formats.Tiktoken;

namespace Tessera.Benchmarks;

/// <summary>
/// Building an encoding from its embedded resource (a new instance each time, JIT excluded by BenchmarkDotNet's
/// warm-up; the first-use figure with JIT is in the compare command's load_ms).
/// </summary>
public class LoadBenchmarks
{
    [Params("o200k_base", "cl100k_base", "r50k_base")]
    public string Encoding { get; set; } = "o200k_base";

    [Benchmark]
    public int Load() => TiktokenTokenizer.LoadFresh(TiktokenDefinition.Find(Encoding)!).VocabularySize;
}
