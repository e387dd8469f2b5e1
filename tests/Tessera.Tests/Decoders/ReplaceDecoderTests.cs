namespace Tessera.Tests.Decoders;

/// <summary>Replace: each match in each token replaced, matches found as Oniguruma finds them (Hugging Face's outputs).</summary>
public sealed class ReplaceDecoderTests
{
    [Theory]
    [InlineData("""{"String":"▁"}""", " ", "▁▁x|▁Hey", "  x| Hey")]
    [InlineData("""{"Regex":"▁+"}""", "_", "▁▁x|▁Hey", "_x|_Hey")]
    [InlineData("""{"String":""}""", "_", "ab|a", "_a_b_|_a_")] // an empty pattern matches before every character and at the end
    [InlineData("""{"Regex":""}""", "_", "ab|a", "_a_b_|_a_")]
    [InlineData("""{"Regex":"b*"}""", "_", "ab|a", "_a_|_a_")] // no empty match right after a match
    [InlineData("""{"Regex":"b*"}""", "_", "|x", "|_x_")] // an empty token stays empty
    [InlineData("""{"String":"."}""", "!", "a.b", "a!b")] // a literal is not a regular expression
    public void ReplacesAsHuggingFaceDoes(string pattern, string content, string tokens, string expected) =>
        Assert.Equal(expected.Split('|'), DecoderCases.Chain($$"""{"type":"Replace","pattern":{{pattern}},"content":"{{content}}"}""", tokens.Split('|')));

    [Theory]
    [InlineData("""{"type":"Replace","pattern":{"Regex":"("},"content":"x"}""", "invalid regular expression")]
    [InlineData("""{"type":"Replace","pattern":"a","content":"x"}""", "expected an object")]
    [InlineData("""{"type":"Replace","pattern":{"String":"a"}}""", "missing field 'content'")]
    public void MalformedJsonIsAnError(string json, string problem) => DecoderCases.ReadError(json, problem);

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip("""{"type":"Replace","pattern":{"String":"▁"},"content":" "}""",
        """{"type":"Replace","pattern":{"String":"▁"},"content":" "}""", "▁a", "b▁");
}
