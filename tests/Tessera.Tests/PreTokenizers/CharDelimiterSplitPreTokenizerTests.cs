namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str) and the loader's errors.</summary>
public sealed class CharDelimiterSplitPreTokenizerTests
{
    [Fact]
    public void SplitsOnTheDelimiterAndDropsIt() =>
        Assert.Equal("a@0-1 | b@2-3 | c@5-6", PreTokenizerAssert.Pieces("""{"type":"CharDelimiterSplit","delimiter":"-"}""", "a-b--c-"));

    [Fact]
    public void RoundTrips()
    {
        PreTokenizerAssert.RoundTrips("""{"type":"CharDelimiterSplit","delimiter":"𝐁"}""", "a𝐁b");
        Assert.Equal("""{"type":"CharDelimiterSplit","delimiter":"-"}""",
            PreTokenizerAssert.Written(PreTokenizerAssert.Load("""{"type":"CharDelimiterSplit","delimiter":"-"}""")));
    }

    [Theory]
    [InlineData("""{"type":"CharDelimiterSplit"}""", "missing field 'delimiter'")]
    [InlineData("""{"type":"CharDelimiterSplit","delimiter":"ab"}""", "expected a single character")]
    [InlineData("""{"type":"CharDelimiterSplit","delimiter":""}""", "expected a single character")]
    [InlineData("""{"type":"CharDelimiterSplit","delimiter":1}""", "expected a string")]
    [InlineData("""{"type":"Delimiter","delimiter":"-"}""", "CharDelimiterSplit")]
    public void RejectsWhatHuggingFaceRejects(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
