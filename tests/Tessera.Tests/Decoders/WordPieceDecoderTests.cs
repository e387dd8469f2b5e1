namespace Tessera.Tests.Decoders;

/// <summary>WordPiece: ## joins a piece to the one before, other tokens get a space, cleanup removes artefacts (Hugging Face's outputs).</summary>
public sealed class WordPieceDecoderTests
{
    [Theory]
    [InlineData("""{"type":"WordPiece","prefix":"##","cleanup":true}""", "##ing|do|n't|##ing|.", "##ing don'ting.")]
    [InlineData("""{"type":"WordPiece","prefix":"##","cleanup":false}""", "##ing|do|n't|##ing|.", "##ing do n'ting .")]
    [InlineData("""{"type":"WordPiece","prefix":"","cleanup":true}""", "##ing|do|n't", "##ingdon't")]
    public void DecodesAsHuggingFaceDoes(string json, string tokens, string expected) =>
        Assert.Equal(expected, DecoderCases.Decode(json, tokens.Split('|')));

    [Fact]
    public void HuggingFacesOwnExample() => Assert.Equal("##uelo Araújo Noguera",
        DecoderCases.Decode("""{"type":"WordPiece","prefix":"##","cleanup":false}""", "##uelo", "Ara", "##új", "##o", "No", "##guera"));

    [Fact]
    public void CleanupRemovesSpacesBeforePunctuationAndContractions() =>
        Assert.Equal("a. b? c! d, e'f don't I'm he's we've they're", Tessera.Decoders.WordPieceDecoder.Cleanup("a . b ? c ! d , e ' f do not I 'm he 's we 've they 're"));

    [Theory]
    [InlineData("""{"type":"WordPiece"}""", "missing field 'prefix'")]
    [InlineData("""{"type":"WordPiece","prefix":"##"}""", "missing field 'cleanup'")]
    public void MalformedJsonIsAnError(string json, string problem) => DecoderCases.ReadError(json, problem);

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip("""{"type":"WordPiece","prefix":"##","cleanup":true}""",
        """{"type":"WordPiece","prefix":"##","cleanup":true}""", "do", "##ing", "n't");
}
