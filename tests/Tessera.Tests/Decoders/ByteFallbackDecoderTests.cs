using Tessera.Decoders;

namespace Tessera.Tests.Decoders;

/// <summary>ByteFallback: runs of &lt;0xHH&gt; tokens become text, or one U+FFFD per byte when invalid (Hugging Face's outputs).</summary>
public sealed class ByteFallbackDecoderTests
{
    private const string Json = """{"type":"ByteFallback"}""";

    [Theory]
    [InlineData("Hey|friend!", "Hey|friend!")]
    [InlineData("<0x61>", "a")]
    [InlineData("<0xE5>", "\uFFFD")]
    [InlineData("<0xE5>|<0x8f>", "\uFFFD|\uFFFD")]
    [InlineData("<0xE5>|<0x8f>|<0xab>", "叫")]
    [InlineData("<0xE5>|<0x8f>|<0xab>|a", "叫|a")]
    [InlineData("<0xE5>|<0x8f>|a", "\uFFFD|\uFFFD|a")]
    [InlineData("<0xE5>|<0x8F>|a|<0x+A>|<0x0a>", "\uFFFD|\uFFFD|a|\n\n")] // Rust's from_str_radix takes a leading '+'
    [InlineData("<0xED>|<0xA0>|<0x80>", "\uFFFD|\uFFFD|\uFFFD")] // an encoded surrogate is not UTF-8
    [InlineData("<0x6>|<0x-1>|<0xGG>|<0x61>>", "<0x6>|<0x-1>|<0xGG>|<0x61>>")]
    public void DecodesAsHuggingFaceDoes(string tokens, string expected) =>
        Assert.Equal(expected.Split('|'), DecoderCases.Chain(Json, tokens.Split('|')));

    [Theory]
    [InlineData("<0x00>", true, 0)]
    [InlineData("<0xff>", true, 255)]
    [InlineData("<0x+f>", true, 15)]
    [InlineData("<0x++>", false, 0)]
    [InlineData("<0x é>", false, 0)]
    public void ByteTokensParseAsRustParsesThem(string token, bool parses, int value)
    {
        Assert.Equal(parses, ByteFallbackDecoder.TryParseByte(token, out byte b));
        Assert.Equal(value, b);
    }

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip(Json, Json, "<0x61>", "b");
}
