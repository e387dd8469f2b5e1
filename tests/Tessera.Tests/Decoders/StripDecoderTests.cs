namespace Tessera.Tests.Decoders;

/// <summary>Strip: up to start copies of a character cut from each token's beginning and up to stop from its end.</summary>
public sealed class StripDecoderTests
{
    [Theory]
    [InlineData("H", 1, 0, "Hey| friend!|HHH", "ey| friend!|HH")]
    [InlineData("y", 0, 1, "Hey| friend!", "He| friend!")]
    [InlineData(" ", 0, 5, "a", "a")]
    [InlineData(" ", 2, 2, "   x  ", " x")]
    [InlineData("a", 1, 1, "b|a", "b|")] // Hugging Face 0.23 panics here; its main branch stops the end cut at the start cut
    [InlineData("😀", 1, 1, "😀x😀", "x")]
    public void StripsAsHuggingFaceDoes(string content, int start, int stop, string tokens, string expected) =>
        Assert.Equal(expected.Split('|'), DecoderCases.Chain($$"""{"type":"Strip","content":"{{content}}","start":{{start}},"stop":{{stop}}}""", tokens.Split('|')));

    [Theory]
    [InlineData("""{"type":"Strip","content":"ab","start":1,"stop":0}""", "expected a single character")]
    [InlineData("""{"type":"Strip","content":" ","start":1}""", "missing field 'stop'")]
    [InlineData("""{"type":"Strip","content":" ","start":-1,"stop":0}""", "non-negative integer")]
    [InlineData("""{"type":"Strip","content":" ","start":1.5,"stop":0}""", "non-negative integer")]
    public void MalformedJsonIsAnError(string json, string problem) => DecoderCases.ReadError(json, problem);

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip("""{"type":"Strip","content":" ","start":1,"stop":0}""",
        """{"type":"Strip","content":" ","start":1,"stop":0}""", " a", "b ");
}
