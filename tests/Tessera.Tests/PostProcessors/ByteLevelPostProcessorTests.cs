using Tessera.PostProcessors;

namespace Tessera.Tests.PostProcessors;

/// <summary>ByteLevel: no tokens added; trim_offsets moves offsets past the spaces a token starts or ends with.</summary>
public sealed class ByteLevelPostProcessorTests
{
    /// <summary>Tokens Ġa, Ġ, Ġ, b of " a  b" (the space added before the text, the GPT-2 pattern's pieces).</summary>
    private static Tokenizer ByteLevel(bool trimOffsets, bool addPrefixSpace) => Tokenizer.FromJson($$$"""
        {"version":"1.0","added_tokens":[],
         "pre_tokenizer":{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true},
         "post_processor":{"type":"ByteLevel","add_prefix_space":{{{(addPrefixSpace ? "true" : "false")}}},"trim_offsets":{{{(trimOffsets ? "true" : "false")}}},"use_regex":true},
         "model":{"type":"BPE","vocab":{"a":0,"b":1,"Ġ":2,"Ġa":3},"merges":["Ġ a"]}}
        """);

    [Theory]
    [InlineData(false, true, "0-1 1-2 2-3 3-4")]
    [InlineData(true, true, "0-1 2-2 3-3 3-4")]
    [InlineData(true, false, "1-1 2-2 3-3 3-4")]
    public void TrimsOffsetsAsHuggingFaceDoes(bool trimOffsets, bool addPrefixSpace, string offsets)
    {
        TokenEncoding encoding = ByteLevel(trimOffsets, addPrefixSpace).Encode("a  b");
        Assert.Equal(["Ġa", "Ġ", "Ġ", "b"], encoding.Tokens);
        Assert.Equal(offsets, string.Join(' ', encoding.Offsets.Select(o => $"{o.Start}-{o.End}")));
        Assert.Equal(offsets, string.Join(' ', encoding.ByteOffsets.Select(o => $"{o.Start}-{o.End}")));
    }

    [Fact]
    public void AddsNoTokens() => Assert.Equal(0, PostProcessorCases.Read("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true}""").AddedTokens(true));

    [Theory]
    [InlineData("""{"type":"ByteLevel","trim_offsets":true,"use_regex":true}""", "add_prefix_space")]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":true}""", "trim_offsets")]
    public void MalformedJsonIsAnError(string json, string problem)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => PostProcessorCases.Read(json));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTypeIsRequired() =>
        Assert.Throws<NotSupportedException>(() => PostProcessorCases.Read("""{"add_prefix_space":true,"trim_offsets":true,"use_regex":true}"""));

    [Fact]
    public void WritesWhatHuggingFaceWrites()
    {
        Assert.IsType<ByteLevelPostProcessor>(PostProcessorCases.Read("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"sep":["a",1]}"""));
        PostProcessorCases.AssertWrites("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true}""",
            """{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}""");
    }
}
