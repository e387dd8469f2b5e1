namespace Tessera.Tests.Decoders;

/// <summary>ByteLevel: tokens in the byte alphabet become bytes, read as UTF-8 with U+FFFD per invalid sequence (Hugging Face's outputs).</summary>
public sealed class ByteLevelDecoderTests
{
    private const string Json = """{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true}""";

    [Fact]
    public void BytesJoinAcrossTokensAndInvalidSequencesBecomeReplacementCharacters() =>
        // é is in the alphabet (byte E9); "▁Hey" is not, so it keeps its own UTF-8 bytes.
        Assert.Equal(" hello  \n\uFFFDé\uFFFDa▁Hey", DecoderCases.Decode(Json, "Ġhello", "ĠĠ", "Ċ", "é", "Ã©", "Ã", "a", "▁Hey"));

    [Fact]
    public void EachInvalidByteIsReplaced() =>
        Assert.Equal("\uFFFDa\uFFFD\uFFFDð\u009F\u0098a", DecoderCases.Decode(Json, "Ã", "a", "ÿþ", "ð\u009F\u0098", "a"));

    [Fact]
    public void TheResultIsOneString() => Assert.Single(DecoderCases.Chain(Json, "Ġa", "Ġb"));

    [Theory]
    [InlineData("""{"type":"ByteLevel"}""", "add_prefix_space")]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":true}""", "trim_offsets")]
    [InlineData("""{"type":"ByteLevel","add_prefix_space":1,"trim_offsets":true}""", "true or false")]
    public void MalformedJsonIsAnError(string json, string problem) => DecoderCases.ReadError(json, problem);

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip(Json,
        """{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}""", "Ġhello", "Ã");
}
