namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str); the full comparison is HuggingFacePreTokenizerTests.</summary>
public sealed class BertPreTokenizerTests
{
    private const string Json = """{"type":"BertPreTokenizer"}""";

    [Theory]
    [InlineData("Hello, world! 你好", "Hello@0-5 | ,@5-6 | world@7-12 | !@12-13 | 你好@14-16")]
    [InlineData("don't  stop\u00a0—  3.14$", "don@0-3 | '@3-4 | t@4-5 | stop@7-11 | —@12-13 | 3@15-16 | .@16-17 | 14@17-19 | $@19-20")]
    public void SplitsOnWhiteSpaceAndIsolatesPunctuation(string text, string pieces) =>
        Assert.Equal(pieces, PreTokenizerAssert.Pieces(Json, text));

    [Fact]
    public void RoundTrips()
    {
        PreTokenizerAssert.RoundTrips(Json, "a, b");
        Assert.Equal(Json, PreTokenizerAssert.Written(PreTokenizerAssert.Load("""{"type":"BertPreTokenizer","extra":1}""")));
    }
}
