namespace Tessera.Tests.Decoders;

/// <summary>BPEDecoder: the end-of-word suffix becomes a space, nothing in the last token (Hugging Face's outputs).</summary>
public sealed class BpeDecoderTests
{
    [Theory]
    [InlineData("</w>", "x</w>|y</w>", "x y")]
    [InlineData("</w>", " a</w>", " a")]
    [InlineData("</w>", " a</w>|a", " a a")]
    [InlineData("</w>", "a| a</w>", "a a")]
    [InlineData("", " a</w>|a", "   a < / w > a")] // Rust's replace of "" puts the replacement between every character
    public void DecodesAsHuggingFaceDoes(string suffix, string tokens, string expected) =>
        Assert.Equal(expected, DecoderCases.Decode($$"""{"type":"BPEDecoder","suffix":"{{suffix}}"}""", tokens.Split('|')));

    [Fact]
    public void NoTokensDecodeToNothing() => Assert.Equal("", DecoderCases.Decode("""{"type":"BPEDecoder","suffix":"</w>"}"""));

    [Fact]
    public void MissingSuffixIsAnError() => DecoderCases.ReadError("""{"type":"BPEDecoder"}""", "missing field 'suffix'");

    [Fact]
    public void WritesWhatHuggingFaceWrites() =>
        DecoderCases.AssertRoundTrip("""{"type":"BPEDecoder","suffix":"</w>"}""", """{"type":"BPEDecoder","suffix":"</w>"}""", "a</w>", "b");
}
