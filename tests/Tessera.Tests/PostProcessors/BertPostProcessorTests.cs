namespace Tessera.Tests.PostProcessors;

/// <summary>BertProcessing: [CLS] A [SEP] B [SEP], type id 1 after the first [SEP].</summary>
public sealed class BertPostProcessorTests
{
    private const string Json = """{"type":"BertProcessing","sep":["[SEP]",7],"cls":["[CLS]",6]}""";

    [Fact]
    public void PairAsHuggingFaceProcessesIt() => Assert.Equal(
        "ids [6,3,4,7,5,7] types [0,0,0,0,1,1] special [1,0,0,1,0,1] sequences [null,0,0,null,1,null] words [null,0,1,null,0,null]",
        PostProcessorCases.Summary(PostProcessorCases.Tiny(Json).Encode("c d", "e")));

    [Fact]
    public void WithoutSpecialTokensTheSequencesAreMarkedOnly() => Assert.Equal(
        "ids [3,4,5] types [0,0,1] special [0,0,0] sequences [0,0,1] words [0,1,0]",
        PostProcessorCases.Summary(PostProcessorCases.Tiny(Json).Encode("c d", "e", addSpecialTokens: false)));

    [Fact]
    public void AddsTwoTokensOrThree()
    {
        Assert.Equal(2, PostProcessorCases.Read(Json).AddedTokens(false));
        Assert.Equal(3, PostProcessorCases.Read(Json).AddedTokens(true));
    }

    [Theory]
    [InlineData("""{"type":"BertProcessing","sep":["[SEP]",7],"cls":["[CLS]"]}""")]
    [InlineData("""{"type":"BertProcessing","sep":["[SEP]",-7],"cls":["[CLS]",6]}""")]
    [InlineData("""{"type":"BertProcessing","sep":{"0":"[SEP]"},"cls":["[CLS]",6]}""")]
    [InlineData("""{"type":"BertProcessing","sep":["[SEP]",7]}""")]
    public void MalformedJsonIsAnErrorNamingTheField(string json)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => PostProcessorCases.Read(json));
        Assert.Contains("$.post_processor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesWhatHuggingFaceWrites() => PostProcessorCases.AssertWrites(
        """{"sep":["[SEP]",2],"cls":["[CLS]",1],"extra":3}""", """{"type":"BertProcessing","sep":["[SEP]",2],"cls":["[CLS]",1]}""");
}
