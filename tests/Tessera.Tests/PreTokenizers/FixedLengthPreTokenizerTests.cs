namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str) and the loader's errors.</summary>
public sealed class FixedLengthPreTokenizerTests
{
    [Theory]
    [InlineData("""{"type":"FixedLength","length":3}""", "Hello 👋 world", "Hel@0-3 | lo @3-6 | 👋 w@6-9 | orl@9-12 | d@12-13")]
    [InlineData("""{"type":"FixedLength"}""", "Hello world", "Hello@0-5 |  worl@5-10 | d@10-11")]
    [InlineData("""{"type":"FixedLength"}""", "", "")]
    public void CutsEveryLengthCharacters(string json, string text, string pieces) =>
        Assert.Equal(pieces, PreTokenizerAssert.Pieces(json, text));

    [Fact]
    public void RoundTrips()
    {
        PreTokenizerAssert.RoundTrips("""{"type":"FixedLength","length":2}""", "abcde");
        Assert.Equal("""{"type":"FixedLength","length":5}""", PreTokenizerAssert.Written(PreTokenizerAssert.Load("""{"type":"FixedLength"}""")));
    }

    /// <summary>Length 0 loads in Hugging Face but fails on the first text; negative, fractional and null lengths do not load.</summary>
    [Theory]
    [InlineData("""{"type":"FixedLength","length":0}""", "greater than 0")]
    [InlineData("""{"type":"FixedLength","length":-1}""", "greater than 0")]
    [InlineData("""{"type":"FixedLength","length":2.5}""", "expected an integer")]
    [InlineData("""{"type":"FixedLength","length":null}""", "found null")]
    public void RejectsLengthsThatCannotCut(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
