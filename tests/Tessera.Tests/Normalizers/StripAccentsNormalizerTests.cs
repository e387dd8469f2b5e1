using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class StripAccentsNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2): a removed mark is charged to the code point
    // before it (that code point's offsets do not grow); marks at the start are dropped.
    [Theory]
    [InlineData("e\u0301", "e", "0-1")]
    [InlineData("\u0301e", "e", "1-2")]
    [InlineData("e\u0301\u0302x", "ex", "0-1 3-4")]
    [InlineData("\u1CF2a", "a", "1-2")] // a spacing mark in Unicode 9.0 (a letter since 10.0)
    [InlineData("\u00E9", "\u00E9", "0-1")] // precomposed: put NFD first
    public void StripsAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new StripAccentsNormalizer(), input, expected, offsets);

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new StripAccentsNormalizer(), """{"type":"StripAccents"}""", "e\u0301\u0302x");
}
