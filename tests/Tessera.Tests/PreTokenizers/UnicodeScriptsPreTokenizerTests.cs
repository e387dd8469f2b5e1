namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str).</summary>
public sealed class UnicodeScriptsPreTokenizerTests
{
    private const string Json = """{"type":"UnicodeScripts"}""";

    [Theory]
    [InlineData(" Apples are りんご 林檎ー1", "Apples are @1-12 | りんご 林檎ー@12-19 | 1@19-20")]
    [InlineData("   ", "")]
    [InlineData("a1b", "a@0-1 | 1@1-2 | b@2-3")]
    [InlineData("ひらカタ漢ー字", "ひらカタ漢ー字@0-7")]
    public void SplitsWhereTheScriptChangesAndDropsLeadingSpaces(string text, string pieces) =>
        Assert.Equal(pieces, PreTokenizerAssert.Pieces(Json, text));

    [Fact]
    public void RoundTrips() => PreTokenizerAssert.RoundTrips(Json, "a 1");
}
