using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class NmtNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2).
    [Theory]
    [InlineData("\u0001a\tb\u200Bc", "a b c", "1-2 2-3 3-4 4-5 5-6")]
    [InlineData("a\u0001\u0002", "a", "0-1")]
    [InlineData("\u2581x\uFEFF", " x ", "0-1 1-2 2-3")]
    public void NormalizesAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new NmtNormalizer(), input, expected, offsets);

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new NmtNormalizer(), """{"type":"Nmt"}""", "\u0001a\tb");
}
