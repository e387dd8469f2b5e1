using Tessera.PostProcessors;

namespace Tessera.Tests.PostProcessors;

/// <summary>Sequence: post-processors applied in turn; the type is required.</summary>
public sealed class SequencePostProcessorTests
{
    private const string Json = """
        {"type":"Sequence","processors":[{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":false,"use_regex":true},
         {"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
          "pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":1}},{"Sequence":{"id":"B","type_id":1}}],
          "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[6],"tokens":["[CLS]"]},"[SEP]":{"id":"[SEP]","ids":[7],"tokens":["[SEP]"]}}}]}
        """;

    [Fact]
    public void AsLlama3Processes() => Assert.Equal(
        "ids [6,3,4,7,5] types [0,0,0,1,1] special [1,0,0,1,0] sequences [null,0,0,null,1] words [null,0,1,null,0]",
        PostProcessorCases.Summary(PostProcessorCases.Tiny(Json).Encode("c d", "e")));

    [Fact]
    public void AddsWhatItsPartsAdd()
    {
        Assert.Equal(1, PostProcessorCases.Read(Json).AddedTokens(false));
        Assert.Equal(2, PostProcessorCases.Read(Json).AddedTokens(true));
    }

    [Fact]
    public void ItsPartsAreReadAsAnyPostProcessor()
    {
        var sequence = Assert.IsType<SequencePostProcessor>(PostProcessorCases.Read("""{"type":"Sequence","processors":[{"sep":["a",1],"cls":["b",2]}]}"""));
        Assert.IsType<BertPostProcessor>(Assert.Single(sequence.Processors));
    }

    [Fact]
    public void MissingProcessorsIsAnError() =>
        Assert.Contains("missing field 'processors'", Assert.Throws<TokenizerFormatException>(() => PostProcessorCases.Read("""{"type":"Sequence"}""")).Message, StringComparison.Ordinal);

    [Fact]
    public void TheTypeIsRequired() => Assert.Throws<NotSupportedException>(() => PostProcessorCases.Read("""{"processors":[]}"""));

    [Fact]
    public void WritesWhatHuggingFaceWrites() => PostProcessorCases.AssertWrites(
        """{"type":"Sequence","processors":[{"sep":["a",1],"cls":["b",2]}]}""",
        """{"type":"Sequence","processors":[{"type":"BertProcessing","sep":["a",1],"cls":["b",2]}]}""");
}
