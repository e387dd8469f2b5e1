namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str) and the loader's errors.</summary>
public sealed class ByteLevelPreTokenizerTests
{
    [Theory]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}""", "ĠHello@0-5 | Ġ@5-6 | ĠwÃ¶rld@6-12")]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":false}""", "HelloĠĠwÃ¶rld@0-12")]
    public void MapsBytesAndSplits(string json, string pieces) => Assert.Equal(pieces, PreTokenizerAssert.Pieces(json, "Hello  wörld"));

    [Fact]
    public void UseRegexDefaultsToTrueForOlderFiles() =>
        Assert.Equal("""{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}""",
            PreTokenizerAssert.Written(PreTokenizerAssert.Load("""{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true}""")));

    [Fact]
    public void RoundTrips() =>
        PreTokenizerAssert.RoundTrips("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":false,"use_regex":false}""", "a b");

    [Theory]
    [InlineData("""{"type":"ByteLevel"}""", "missing field 'add_prefix_space'")]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":false}""", "missing field 'trim_offsets'")]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":null}""", "found null")]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":"yes","trim_offsets":true}""", "expected true or false")]
    public void RejectsWhatHuggingFaceRejects(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
