namespace Tessera.Tests.PostProcessors;

/// <summary>TemplateProcessing: the pieces in order, with the template's type ids (Hugging Face's outputs).</summary>
public sealed class TemplatePostProcessorTests
{
    private const string Special = """
        "special_tokens":{"[SEP]":{"id":"[SEP]","ids":[7],"tokens":["[SEP]"]},"[X]":{"id":"[X]","ids":[6,7],"tokens":["[CLS]","[SEP]"]}}
        """;

    private static string Template(string single, string pair) => $$"""{"type":"TemplateProcessing","single":{{single}},"pair":{{pair}},{{Special}}}""";

    private const string A = """{"Sequence":{"id":"A","type_id":0}}""";

    [Theory]
    // $B:5 [X]:2 $A:4 - the pair in the template's order, B first
    [InlineData("""[{"Sequence":{"id":"B","type_id":5}},{"SpecialToken":{"id":"[X]","type_id":2}},{"Sequence":{"id":"A","type_id":4}}]""",
        "ids [5,6,7,3,4] types [5,2,2,4,4] special [0,1,1,0,0] sequences [1,null,null,0,0] words [0,null,null,0,1]")]
    // only $B: its range is recorded as sequence 1, and with no sequence 0 Hugging Face reports 0 for all
    [InlineData("""[{"Sequence":{"id":"B","type_id":0}}]""", "ids [5] types [0] special [0] sequences [0] words [0]")]
    // an empty template drops both texts
    [InlineData("[]", "ids [] types [] special [] sequences [] words []")]
    public void PairsAsHuggingFaceProcessesThem(string pair, string expected) =>
        Assert.Equal(expected, PostProcessorCases.Summary(PostProcessorCases.Tiny(Template($"[{A}]", pair)).Encode("c d", "e")));

    [Fact]
    public void AnInputTwiceIsCopied() => Assert.Equal(
        "ids [3,4,3,4] types [3,3,1,1] special [0,0,0,0] sequences [null,null,0,0] words [0,1,0,1]",
        PostProcessorCases.Summary(PostProcessorCases.Tiny(Template("""[{"Sequence":{"id":"A","type_id":3}},{"Sequence":{"id":"A","type_id":1}}]""", "[]")).Encode("c d")));

    [Fact]
    public void MultiTokenSpecialTokensAreAddedWhole() => Assert.Equal(
        "ids [6,7,3,4,7] types [0,0,0,0,1] special [1,1,0,0,1] sequences [null,null,0,0,null] words [null,null,0,1,null]",
        PostProcessorCases.Summary(PostProcessorCases.Tiny(Template(
            """[{"SpecialToken":{"id":"[X]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":1}}]""", "[]")).Encode("c d")));

    [Fact]
    public void CountsTheIdsOfItsSpecialTokens()
    {
        var processor = PostProcessorCases.Read(Template(
            """[{"SpecialToken":{"id":"[X]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}}]""", $"[{A}]"));
        Assert.Equal(3, processor.AddedTokens(false));
        Assert.Equal(0, processor.AddedTokens(true));
    }

    [Fact]
    public void BInASingleTemplateIsAnErrorWhenEncoding() => Assert.Throws<InvalidOperationException>(() =>
        PostProcessorCases.Tiny(Template("""[{"Sequence":{"id":"B","type_id":0}}]""", $"[{A}]")).Encode("c d"));

    [Theory]
    [InlineData("""{"type":"TemplateProcessing","single":[],"pair":[],"special_tokens":{"x":{"id":"x","ids":[1],"tokens":["a","b"]}}}""", "1 ids but 'tokens' has 2")]
    [InlineData("""{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"y","type_id":0}}],"pair":[],"special_tokens":{}}""", "no such special token")]
    [InlineData("""{"type":"TemplateProcessing","single":[{"Sequence":{"id":"C","type_id":0}}],"pair":[],"special_tokens":{}}""", "expected \"A\" or \"B\"")]
    [InlineData("""{"type":"TemplateProcessing","single":[{"Sequence":{"id":"A"}}],"pair":[],"special_tokens":{}}""", "missing field 'type_id'")]
    [InlineData("""{"type":"TemplateProcessing","single":[{"Other":{"id":"A","type_id":0}}],"pair":[],"special_tokens":{}}""", "expected {\"Sequence\"")]
    [InlineData("""{"type":"TemplateProcessing","single":[],"special_tokens":{}}""", "missing field 'pair'")]
    [InlineData("""{"type":"TemplateProcessing","single":[],"pair":[],"special_tokens":{"x":{"id":"x","ids":[1]}}}""", "missing field 'tokens'")]
    [InlineData("""{"type":"TemplateProcessing","single":"[CLS] $A [SEP]","pair":[],"special_tokens":{}}""", "expected an array")]
    public void MalformedJsonIsAnError(string json, string problem)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => PostProcessorCases.Read(json));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("$.post_processor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTypeIsNotChecked() => Assert.IsType<Tessera.PostProcessors.TemplatePostProcessor>(PostProcessorCases.Read(
        """{"type":"Template","single":[],"pair":[],"special_tokens":{}}"""));

    [Fact]
    public void WritesWhatHuggingFaceWrites() => PostProcessorCases.AssertWrites(
        """{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"[X]","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],"pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":1}}],"special_tokens":{"[X]":{"id":"[X]","ids":[1,2],"tokens":["[CLS]","[SEP]"]},"[A]":{"id":"[A]","ids":[3],"tokens":["a"]}}}""",
        """{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"[X]","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],"pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":1}}],"special_tokens":{"[A]":{"id":"[A]","ids":[3],"tokens":["a"]},"[X]":{"id":"[X]","ids":[1,2],"tokens":["[CLS]","[SEP]"]}}}""");
}
