using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class ReplaceNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2): the replacement is aligned with the last code
    // point it replaces; "$1" in the content is literal (no group expansion).
    [Theory]
    [InlineData("""{"Regex":"\\s+"}""", " ", "a   b\t\tc", "a b c", "0-1 3-4 4-5 6-7 7-8")]
    [InlineData("""{"Regex":"(l)(e)"}""", "$1 $2", "le tr", "$1 $2 tr", "1-2 1-2 1-2 1-2 1-2 2-3 3-4 4-5")]
    [InlineData("""{"Regex":"\u00E9"}""", "e", "h\u00E9\u00E9", "hee", "0-1 1-2 2-3")]
    [InlineData("""{"Regex":"\\p{Mn}"}""", "", "e\u0301a", "ea", "0-1 2-3")]
    [InlineData("""{"String":"$1"}""", "$1", "a$1b", "a$1b", "0-1 2-3 2-3 3-4")]
    [InlineData("""{"String":"aa"}""", "b", "aaa", "ba", "1-2 2-3")]
    [InlineData("""{"String":"a"}""", "", "bab", "bb", "0-1 2-3")]
    [InlineData("""{"String":"a"}""", "xyz", "ab", "xyzb", "0-1 0-1 0-1 1-2")]
    public void ReplacesAsHuggingFace(string pattern, string content, string input, string expected, string offsets)
    {
        string json = $$"""{"type":"Replace","pattern":{{pattern}},"content":{{System.Text.Json.JsonSerializer.Serialize(content)}}}""";
        NormalizerAssert.Normalizes(NormalizerAssert.Read(json), input, expected, offsets);
    }

    [Fact]
    public void RoundTrips()
    {
        NormalizerAssert.RoundTrips(NormalizerAssert.Read("""{"type":"Replace","pattern":{"Regex":"\\s+"},"content":" "}"""),
            """{"type":"Replace","pattern":{"Regex":"\\s+"},"content":" "}""", "a  b");
        NormalizerAssert.RoundTrips(NormalizerAssert.Read("""{"pattern":{"String":"''"},"content":"\""}"""),
            """{"type":"Replace","pattern":{"String":"''"},"content":"\""}""", "''a''");
    }

    [Theory]
    [InlineData("""{"type":"Replace","pattern":{"String":"a"}}""", "normalizer: missing field 'content'")]
    [InlineData("""{"type":"Replace","pattern":{"Regex":"(a"},"content":"b"}""", "normalizer.pattern.Regex: invalid regular expression")]
    [InlineData("""{"type":"Replace","pattern":{"Foo":"a"},"content":"b"}""", "normalizer.pattern: expected {\"String\": ...} or {\"Regex\": ...}")]
    public void RejectsMalformedJson(string json, string message) => NormalizerAssert.Rejects(json, message);
}
