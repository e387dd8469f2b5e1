using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class NfdNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2): every code point of a decomposition is aligned
    // with the code point it came from; reordering keeps alignments in place (they follow positions, not code points).
    [Theory]
    [InlineData("\u00E9", "e\u0301", "0-1 0-1")]
    [InlineData("a\u0301\u0316", "a\u0316\u0301", "0-1 1-2 2-3")]
    [InlineData("\uD55C", "\u1112\u1161\u11AB", "0-1 0-1 0-1")]
    [InlineData("\u01D6", "u\u0308\u0304", "0-1 0-1 0-1")]
    [InlineData("\u0344", "\u0308\u0301", "0-1 0-1")]
    [InlineData("x\u0345\u0344", "x\u0308\u0301\u0345", "0-1 1-2 1-2 2-3")]
    [InlineData("\uFB01", "\uFB01", "0-1")]
    [InlineData("", "", "")]
    public void DecomposesAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new NfdNormalizer(), input, expected, offsets);

    // Hugging Face's data is Unicode 9.0: U+1E94A (class 7, Unicode 9.0) moves before the acute; U+1DF6 (class 232,
    // Unicode 10.0) and U+1DFA (class 218, Unicode 14.0) are unassigned there, hence starters, and stay where they are.
    [Theory]
    [InlineData("a\u0301\U0001E94A", "a\U0001E94A\u0301")]
    [InlineData("a\u0301\u1DF6", "a\u0301\u1DF6")]
    [InlineData("a\u0301\u1DFA", "a\u0301\u1DFA")]
    public void UsesUnicode9Data(string input, string expected) =>
        NormalizerAssert.Normalizes(new NfdNormalizer(), input, expected, "0-1 1-2 2-3");

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new NfdNormalizer(), """{"type":"NFD"}""", "\u00E9t\u00E9", "\uD55C");
}
