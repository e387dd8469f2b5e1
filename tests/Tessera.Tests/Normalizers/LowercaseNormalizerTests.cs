using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class LowercaseNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2): Rust's char::to_lowercase, full mappings,
    // no final sigma, Unicode 17.0.
    [Theory]
    [InlineData("\u0130", "i\u0307", "0-1 0-1")]
    [InlineData("\u0391\u03A3", "\u03B1\u03C3", "0-1 1-2")]
    [InlineData("\u1E9E", "\u00DF", "0-1")]
    [InlineData("HeLLo", "hello", "0-1 1-2 2-3 3-4 4-5")]
    [InlineData("\U00010400", "\U00010428", "0-1")]
    [InlineData("\uA7CE\U00016EA0", "\uA7CF\U00016EBB", "0-1 1-2")] // Unicode 17.0 mappings (.NET 10 has 16.0)
    [InlineData("hello", "hello", "0-1 1-2 2-3 3-4 4-5")]
    public void LowercasesAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new LowercaseNormalizer(), input, expected, offsets);

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new LowercaseNormalizer(), """{"type":"Lowercase"}""", "\u0130stanbul", "ABC");
}
