namespace Tessera.Tests.Decoders;

/// <summary>Fuse: all tokens become one string.</summary>
public sealed class FuseDecoderTests
{
    [Fact]
    public void JoinsTheTokens() => Assert.Equal(["Hey friend!"], DecoderCases.Chain("""{"type":"Fuse"}""", "Hey", " friend!"));

    [Fact]
    public void NoTokensGiveOneEmptyString() => Assert.Equal([""], DecoderCases.Chain("""{"type":"Fuse"}"""));

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip("""{"type":"Fuse","suffix":"x"}""", """{"type":"Fuse"}""", "a", "b");
}
