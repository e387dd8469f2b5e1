using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class NfcNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2). A composite is aligned with the starter it
    // grew from and swallows the alignment slot of the code point it absorbed, so what follows shifts: in "a\u0316\u0301"
    // the acute joins the a and the U+0316 left over takes the acute's place (offsets 2-3).
    [Theory]
    [InlineData("e\u0301", "\u00E9", "0-1")]
    [InlineData("a\u0316\u0301", "\u00E1\u0316", "0-1 2-3")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01", "0-1")]
    [InlineData("\u0344", "\u0308\u0301", "0-1 0-1")]
    [InlineData("\u01D6", "\u01D6", "0-1")]
    [InlineData("u\u0308\u0304", "\u01D6", "0-1")]
    [InlineData("\u0301a", "\u0301a", "0-1 1-2")]
    [InlineData("\u00C5\u0301", "\u01FA", "0-1")]
    [InlineData("\uAC00\u11A7", "\uAC00\u11A7", "0-1 1-2")] // U+11A7 is below the first trailing consonant
    [InlineData("\U00011935\U00011930", "\U00011935\U00011930", "0-1 1-2")] // composes to U+11938 since Unicode 13.0
    public void ComposesAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new NfcNormalizer(), input, expected, offsets);

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new NfcNormalizer(), """{"type":"NFC"}""", "e\u0301t\u00E9", "\u1100\u1161");
}
