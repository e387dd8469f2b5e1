using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class SequenceNormalizerTests
{
    // Expected text and offsets are Hugging Face's (tokenizers 0.23.2).
    [Fact]
    public void NfdStripAccentsLowercaseMatchesHuggingFace() =>
        NormalizerAssert.Normalizes(
            new SequenceNormalizer([new NfdNormalizer(), new StripAccentsNormalizer(), new LowercaseNormalizer()]),
            "\u00C7a \u00C9T\u00C9", "ca ete", "0-1 1-2 2-3 3-4 4-5 5-6");

    [Fact]
    public void RoundTrips() => NormalizerAssert.RoundTrips(
        new SequenceNormalizer([new NfkdNormalizer(), new StripAccentsNormalizer(), new LowercaseNormalizer()]),
        """{"type":"Sequence","normalizers":[{"type":"NFKD"},{"type":"StripAccents"},{"type":"Lowercase"}]}""", "\u00C9T\u00C9 \uFB01");

    [Theory]
    [InlineData("""{"type":"Sequence"}""", "normalizer: missing field 'normalizers'")]
    [InlineData("""{"type":"Sequence","normalizers":{}}""", "normalizer.normalizers: expected an array, found an object")]
    [InlineData("""{"type":"Sequence","normalizers":[5]}""", "normalizer.normalizers[0]: expected an object, found a number")]
    public void RejectsMalformedJson(string json, string message) => NormalizerAssert.Rejects(json, message);
}
