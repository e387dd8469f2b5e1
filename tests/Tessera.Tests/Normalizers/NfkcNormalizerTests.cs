using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class NfkcNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2).
    [Theory]
    [InlineData("\uFB01", "fi", "0-1 0-1")]
    [InlineData("\uFF76\uFF9E", "\u30AC", "0-1")]
    [InlineData("\u2460x", "1x", "0-1 1-2")]
    [InlineData("\u216B", "XII", "0-1 0-1 0-1")]
    [InlineData("\u1E9B\u0323", "\u1E69", "0-1")]
    [InlineData("\u32FF", "\u32FF", "0-1")] // SQUARE ERA NAME REIWA: Unicode 12.1, unassigned in Hugging Face's 9.0 data
    public void ComposesAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new NfkcNormalizer(), input, expected, offsets);

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new NfkcNormalizer(), """{"type":"NFKC"}""", "\uFB01\u2460", "\uFF76\uFF9E");
}
