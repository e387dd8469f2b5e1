using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class PrependNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2): the prefix is aligned with the first code point.
    [Theory]
    [InlineData("\u2581", "hello", "\u2581hello", "0-1 0-1 1-2 2-3 3-4 4-5")]
    [InlineData("\u2581", "", "", "")]
    [InlineData("ab", "\u00E9 x", "ab\u00E9 x", "0-1 0-1 0-1 1-2 2-3")]
    public void PrependsAsHuggingFace(string prepend, string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new PrependNormalizer(prepend), input, expected, offsets);

    [Fact]
    public void LegacyLlamaSequenceMatchesHuggingFace() =>
        NormalizerAssert.Normalizes(
            NormalizerAssert.Read("""{"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"▁"},{"type":"Replace","pattern":{"String":" "},"content":"▁"}]}"""),
            " a b", "\u2581\u2581a\u2581b", "0-1 0-1 1-2 2-3 3-4");

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(new PrependNormalizer("\u2581"), """{"type":"Prepend","prepend":"▁"}""", "a b");

    [Theory]
    [InlineData("""{"type":"Prepend"}""", "normalizer: missing field 'prepend'")]
    [InlineData("""{"type":"Prepend","prepend":5}""", "normalizer.prepend: expected a string, found a number")]
    public void RejectsMalformedJson(string json, string message) => NormalizerAssert.Rejects(json, message);
}
