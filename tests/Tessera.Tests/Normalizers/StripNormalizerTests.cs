using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class StripNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2).
    [Theory]
    [InlineData(true, true, "  h\u00E9llo  ", "h\u00E9llo", "2-3 3-4 4-5 5-6 6-7")]
    [InlineData(true, false, "  h\u00E9llo  ", "h\u00E9llo  ", "2-3 3-4 4-5 5-6 6-7 7-8 8-9")]
    [InlineData(false, true, "  h\u00E9llo  ", "  h\u00E9llo", "0-1 1-2 2-3 3-4 4-5 5-6 6-7")]
    [InlineData(true, true, "   ", "", "")]
    [InlineData(false, true, "   ", "", "")]
    [InlineData(true, true, "\u3000x\u3000", "x", "1-2")]
    [InlineData(true, true, "\uFEFFx\u180E", "\uFEFFx\u180E", "0-1 1-2 2-3")] // not White_Space
    public void StripsAsHuggingFace(bool left, bool right, string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new StripNormalizer(left, right), input, expected, offsets);

    [Fact]
    public void RoundTrips()
    {
        NormalizerAssert.RoundTrips(new StripNormalizer(true, false), """{"type":"Strip","strip_left":true,"strip_right":false}""", " a ");
        NormalizerAssert.RoundTrips(new StripNormalizer(false, true), """{"type":"Strip","strip_left":false,"strip_right":true}""", " a ");
    }

    [Fact]
    public void ReadsTheUntaggedForm() =>
        Assert.IsType<StripNormalizer>(NormalizerAssert.Read("""{"strip_left":true,"strip_right":true}"""));

    [Theory]
    [InlineData("""{"type":"Strip","strip_left":true}""", "normalizer: missing field 'strip_right'")]
    [InlineData("""{"type":"Strip","strip_left":null,"strip_right":true}""", "normalizer.strip_left: expected true or false, found null")]
    [InlineData("""{"type":"Strip","strip_left":1,"strip_right":true}""", "normalizer.strip_left: expected true or false, found a number")]
    public void RejectsMalformedJson(string json, string message) => NormalizerAssert.Rejects(json, message);
}
