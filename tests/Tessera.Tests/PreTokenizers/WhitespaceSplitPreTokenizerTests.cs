namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str).</summary>
public sealed class WhitespaceSplitPreTokenizerTests
{
    private const string Json = """{"type":"WhitespaceSplit"}""";

    [Fact]
    public void SplitsOnWhiteSpace() =>
        Assert.Equal("Hey,@0-4 | man!@5-9 | Good@10-14 | day@15-18", PreTokenizerAssert.Pieces(Json, "Hey, man!\tGood\u3000day"));

    [Fact]
    public void RoundTrips() => PreTokenizerAssert.RoundTrips(Json, "a b");
}
