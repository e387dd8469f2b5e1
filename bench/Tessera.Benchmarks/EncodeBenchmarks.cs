using BenchmarkDotNet.Attributes;

namespace Tessera.Benchmarks;

/// <summary>
/// Encode, count and decode at 10 B, 1 KB and 100 KB. Cold: every operation gets the next of many distinct
/// slices (the caches have not seen it); warm: the same slice every time. Throughput = Size / Mean.
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private const int Slices = 4096;
    private TiktokenTokenizer _tokenizer = null!;
    private byte[][] _texts = null!;
    private int[] _ids = null!;
    private int _next;

    [Params(10, 1_000, 100_000)]
    public int Size { get; set; }

    [Params("o200k_base", "cl100k_base")]
    public string Encoding { get; set; } = "o200k_base";

    [GlobalSetup]
    public void Setup()
    {
        _tokenizer = TiktokenTokenizer.Get(Encoding);
        _texts = BenchText.Slices(Size, Size >= 100_000 ? 64 : Slices);
        _ids = _tokenizer.EncodeUtf8(_texts[0], SpecialTokenPolicy.Ordinary);
    }

    private byte[] NextText() => _texts[_next++ % _texts.Length];

    [Benchmark]
    public int EncodeCold() => _tokenizer.EncodeUtf8(NextText(), SpecialTokenPolicy.Ordinary).Length;

    [Benchmark]
    public int EncodeWarm() => _tokenizer.EncodeUtf8(_texts[0], SpecialTokenPolicy.Ordinary).Length;

    [Benchmark]
    public int CountCold() => _tokenizer.CountTokensUtf8(NextText(), SpecialTokenPolicy.Ordinary);

    [Benchmark]
    public int CountWarm() => _tokenizer.CountTokensUtf8(_texts[0], SpecialTokenPolicy.Ordinary);

    [Benchmark]
    public int Decode() => _tokenizer.DecodeBytes(_ids).Length;
}
