namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str) and the loader's errors.</summary>
public sealed class SplitPreTokenizerTests
{
    [Theory]
    [InlineData("""{"type":"Split","pattern":{"Regex":"a*"},"behavior":"Isolated","invert":false}""", "baac", "b@0-1 | aa@1-3 | c@3-4")]
    [InlineData("""{"type":"Split","pattern":{"String":""},"behavior":"Isolated","invert":false}""", "abc", "a@0-1 | b@1-2 | c@2-3")]
    [InlineData("""{"type":"Split","pattern":{"Regex":"\\s+"},"behavior":"Removed","invert":true}""", "a  b c", "  @1-3 |  @4-5")]
    public void SplitsAtMatchesEmptyOnesIncluded(string json, string text, string pieces) =>
        Assert.Equal(pieces, PreTokenizerAssert.Pieces(json, text));

    [Fact]
    public void RoundTrips()
    {
        PreTokenizerAssert.RoundTrips("""{"type":"Split","pattern":{"Regex":"\\d+"},"behavior":"MergedWithPrevious","invert":true}""", "a12b3");
        PreTokenizerAssert.RoundTrips("""{"type":"Split","pattern":{"String":" "},"behavior":"Contiguous","invert":false}""", "a  b");
    }

    [Theory]
    [InlineData("""{"type":"Split","pattern":{"String":" "},"behavior":"Isolated"}""", "missing field 'invert'")]
    [InlineData("""{"type":"Split","pattern":{"String":" "},"invert":false}""", "missing field 'behavior'")]
    [InlineData("""{"type":"Split","behavior":"Isolated","invert":false}""", "missing field 'pattern'")]
    [InlineData("""{"type":"Split","pattern":{"String":" "},"behavior":"removed","invert":false}""", "expected one of")]
    [InlineData("""{"type":"Split","pattern":{},"behavior":"Removed","invert":false}""", "expected {\"String\"")]
    [InlineData("""{"type":"Split","pattern":{"Regex":"("},"behavior":"Removed","invert":false}""", "invalid regular expression")]
    public void RejectsWhatHuggingFaceRejects(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
