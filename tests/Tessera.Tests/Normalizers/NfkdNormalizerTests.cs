using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class NfkdNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2).
    [Theory]
    [InlineData("\uFB01", "fi", "0-1 0-1")]
    [InlineData("\uFF76\uFF9E", "\u30AB\u3099", "0-1 1-2")]
    [InlineData("\u2460", "1", "0-1")]
    [InlineData("\u01C5", "Dz\u030C", "0-1 0-1 0-1")]
    [InlineData("\U0001FBF0", "\U0001FBF0", "0-1")] // SEGMENTED DIGIT ZERO decomposes since Unicode 13.0, not in 9.0
    public void DecomposesAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new NfkdNormalizer(), input, expected, offsets);

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new NfkdNormalizer(), """{"type":"NFKD"}""", "\uFB01n\u00E9", "\u2460");
}
