namespace Tessera.Tests.Decoders;

/// <summary>CTC: repeats collapse, pad tokens vanish, the word delimiter becomes a space (Hugging Face's outputs and unit tests).</summary>
public sealed class CtcDecoderTests
{
    private const string Json = """{"type":"CTC","pad_token":"<pad>","word_delimiter_token":"|","cleanup":true}""";

    [Fact]
    public void HuggingFacesHandmadeSample() =>
        Assert.Equal(["h", "e", "l", "l", "o"], DecoderCases.Chain(Json, "<pad> <pad> h e e l l <pad> l o o o <pad>".Split(' ')));

    [Fact]
    public void HuggingFacesSampleWithDelimiter() => Assert.Equal(["h", "e", "l", "l", "o", " ", "w", "o", "r", "l", "d"],
        DecoderCases.Chain(Json, "<pad> <pad> h e e l l <pad> l o o o <pad> <pad> | <pad> w o o o r <pad> <pad> l l d <pad> <pad> <pad> <pad>".Split(' ')));

    [Theory]
    [InlineData(true, "hello hdon't")]
    [InlineData(false, "hello|hdon't")]
    public void CleanupAsHuggingFaceDoes(bool cleanup, string expected) => Assert.Equal(expected, DecoderCases.Decode(
        $$"""{"type":"CTC","pad_token":"<pad>","word_delimiter_token":"|","cleanup":{{(cleanup ? "true" : "false")}}}""",
        "<pad>", "h", "e", "e", "l", "<pad>", "l", "o", "|", "|", "|", "h", "do", "n't"));

    [Theory]
    [InlineData("""{"type":"CTC"}""", "missing field 'pad_token'")]
    [InlineData("""{"type":"CTC","pad_token":"<pad>","word_delimiter_token":"|","cleanup":"yes"}""", "true or false")]
    public void MalformedJsonIsAnError(string json, string problem) => DecoderCases.ReadError(json, problem);

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip(Json, Json, "a", "a", "<pad>", "|", "b");
}
