namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str) and the loader's errors.</summary>
public sealed class PunctuationPreTokenizerTests
{
    [Theory]
    [InlineData("Isolated", "a@0-1 | ,@1-2 | b@2-3 | !@3-4 | !@4-5 | c@5-6")]
    [InlineData("Contiguous", "a@0-1 | ,@1-2 | b@2-3 | !!@3-5 | c@5-6")]
    [InlineData("MergedWithPrevious", "a,@0-2 | b!@2-4 | !@4-5 | c@5-6")]
    [InlineData("MergedWithNext", "a@0-1 | ,b@1-3 | !@3-4 | !c@4-6")]
    [InlineData("Removed", "a@0-1 | b@2-3 | c@5-6")]
    public void SplitsOnEachPunctuationCharacter(string behavior, string pieces) =>
        Assert.Equal(pieces, PreTokenizerAssert.Pieces($$"""{"type":"Punctuation","behavior":"{{behavior}}"}""", "a,b!!c"));

    [Fact]
    public void BehaviorDefaultsToIsolated() =>
        Assert.Equal("""{"type":"Punctuation","behavior":"Isolated"}""", PreTokenizerAssert.Written(PreTokenizerAssert.Load("""{"type":"Punctuation"}""")));

    [Fact]
    public void RoundTrips() => PreTokenizerAssert.RoundTrips("""{"type":"Punctuation","behavior":"MergedWithNext"}""", "a,b!!c");

    [Theory]
    [InlineData("""{"type":"Punctuation","behavior":"removed"}""", "expected one of")]
    [InlineData("""{"type":"Punctuation","behavior":null}""", "found null")]
    [InlineData("""{"type":"Punctuation","behavior":3}""", "expected a string")]
    public void RejectsWhatHuggingFaceRejects(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
