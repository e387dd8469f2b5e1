using Tessera.PostProcessors;

namespace Tessera.Tests.PostProcessors;

/// <summary>RobertaProcessing: &lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;, all type ids 0.</summary>
public sealed class RobertaPostProcessorTests
{
    private const string Json = """{"type":"RobertaProcessing","sep":["[SEP]",7],"cls":["[CLS]",6],"trim_offsets":true,"add_prefix_space":true}""";

    [Fact]
    public void PairAsHuggingFaceProcessesIt() => Assert.Equal(
        "ids [6,3,4,7,7,5,7] types [0,0,0,0,0,0,0] special [1,0,0,1,1,0,1] sequences [null,0,0,null,null,1,null] words [null,0,1,null,null,0,null]",
        PostProcessorCases.Summary(PostProcessorCases.Tiny(Json).Encode("c d", "e")));

    [Fact]
    public void AddsTwoTokensOrFour()
    {
        Assert.Equal(2, PostProcessorCases.Read(Json).AddedTokens(false));
        Assert.Equal(4, PostProcessorCases.Read(Json).AddedTokens(true));
    }

    [Theory]
    [InlineData("""{"type":"RobertaProcessing","sep":["[SEP]",7],"cls":["[CLS]",6]}""")] // Hugging Face reads this as BERT's
    [InlineData("""{"type":"RobertaProcessing","sep":["[SEP]",7],"cls":["[CLS]",6],"trim_offsets":true}""")]
    [InlineData("""{"type":"BertProcessing","sep":["[SEP]",7],"cls":["[CLS]",6],"trim_offsets":true,"add_prefix_space":1}""")]
    public void WithoutBothOptionsItIsBertProcessing(string json) => Assert.IsType<BertPostProcessor>(PostProcessorCases.Read(json));

    [Theory]
    [InlineData("""{"type":"BertProcessing","sep":["[SEP]",7],"cls":["[CLS]",6],"trim_offsets":true,"add_prefix_space":true}""")] // the type is not checked
    [InlineData("""{"type":"ByteLevel","sep":["[SEP]",7],"cls":["[CLS]",6],"trim_offsets":true,"add_prefix_space":true,"use_regex":true}""")]
    public void BothOptionsMakeItRobertaWhateverTheType(string json) => Assert.IsType<RobertaPostProcessor>(PostProcessorCases.Read(json));

    [Fact]
    public void WritesWhatHuggingFaceWrites() => PostProcessorCases.AssertWrites(Json,
        """{"type":"RobertaProcessing","sep":["[SEP]",7],"cls":["[CLS]",6],"trim_offsets":true,"add_prefix_space":true}""");
}
