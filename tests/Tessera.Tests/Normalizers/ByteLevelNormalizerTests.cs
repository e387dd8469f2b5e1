using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class ByteLevelNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2).
    [Theory]
    [InlineData("Hello \u6211", "Hello\u0120\u00E6\u012A\u0133", "0-1 1-2 2-3 3-4 4-5 5-6 6-7 6-7 6-7")]
    [InlineData("\u00E9", "\u00C3\u00A9", "0-1 0-1")]
    [InlineData("", "", "")]
    public void SpellsBytesAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new ByteLevelNormalizer(), input, expected, offsets);

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new ByteLevelNormalizer(), """{"type":"ByteLevel"}""", "Hello \u6211");
}
