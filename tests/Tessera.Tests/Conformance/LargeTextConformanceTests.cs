using System.Text;

namespace Tessera.Tests.Conformance;

/// <summary>
/// One large document (every golden document, inputs in name order, joined by <c>\n</c>: about 4 MB) gives tiktoken's
/// ids by every path that only large texts take: the kept native id buffers, the huge-page result array, parallel
/// parts and stream blocks; and decodes back through the kept buffers. The golden is the hash of tiktoken's ids (tiktoken/ENCODING/joined.hash).
/// </summary>
public sealed class LargeTextConformanceTests
{
    private static readonly Lazy<string> s_joined = new(() =>
        string.Join("\n", GoldenFiles.InputNames().SelectMany(GoldenFiles.Documents)));

    private static string Expected(string encoding) =>
        File.ReadAllText(Path.Combine(TestPaths.Goldens, "tiktoken", encoding, "joined.hash")).Trim();

    [Theory]
    [MemberData(nameof(TiktokenConformanceTests.Encodings), MemberType = typeof(TiktokenConformanceTests))]
    public void EveryPathGivesTiktokensIds(string encoding)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        string expected = Expected(encoding);
        byte[] utf8 = Encoding.UTF8.GetBytes(s_joined.Value);
        Assert.True(utf8.Length > 4 * Tessera.Internal.IdScratch.MinIds, "the text must be large enough for the native id buffers");

        Assert.Equal(expected, CodePointSweep.Hash(tokenizer.Encode(s_joined.Value, SpecialTokenPolicy.Ordinary)));
        Assert.Equal(expected, CodePointSweep.Hash(tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary)));
        Assert.Equal(expected, CodePointSweep.Hash(tokenizer.EncodeUtf8Parallel(utf8, SpecialTokenPolicy.Ordinary, 2)));
        int[] streamed = [.. tokenizer.EncodeUtf8Stream(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, 2, 1 << 20).SelectMany(ids => ids)];
        Assert.Equal(expected, CodePointSweep.Hash(streamed));
        Assert.Equal(Convert.ToInt32(expected[^8..], 16), tokenizer.CountTokensUtf8(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, 2, 1 << 20));
    }

    [Fact]
    public void ALargeTextDecodesBackToItsBytes()
    {
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        byte[] utf8 = Encoding.UTF8.GetBytes(s_joined.Value);
        int[] ids = tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary);
        Assert.True(tokenizer.DecodeBytes(ids).AsSpan().SequenceEqual(utf8));
        Assert.Equal(Encoding.UTF8.GetString(utf8), tokenizer.Decode(ids));
    }
}
