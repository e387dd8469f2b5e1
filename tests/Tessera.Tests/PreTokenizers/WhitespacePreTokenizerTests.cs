namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str).</summary>
public sealed class WhitespacePreTokenizerTests
{
    private const string Json = """{"type":"Whitespace"}""";

    [Fact]
    public void KeepsWordRunsAndOtherRuns() =>
        Assert.Equal("Hey@0-3 | ,@3-4 | man@5-8 | !!@8-10 | don@11-14 | '@14-15 | t_x@15-18 | ²@20-21 | 3@21-22",
            PreTokenizerAssert.Pieces(Json, "Hey, man!! don't_x  ²3"));

    [Fact]
    public void RoundTrips() => PreTokenizerAssert.RoundTrips(Json, "a b");
}
