namespace Tessera.Tests.Decoders;

/// <summary>Metaspace: ▁ becomes a space, and in the first token disappears unless prepend_scheme is never (Hugging Face's outputs).</summary>
public sealed class MetaspaceDecoderTests
{
    [Theory]
    [InlineData("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true}""", "x Hey")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":true}""", "x Hey")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"never","split":true}""", "  x Hey")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":true}""", "x Hey")]
    [InlineData("""{"type":"Metaspace","replacement":"▁"}""", "x Hey")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":true,"prepend_scheme":"never"}""", "  x Hey")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":false}""", "x Hey")]
    public void SchemesDecodeAsHuggingFaceDoes(string json, string expected) => Assert.Equal(expected, DecoderCases.Decode(json, "▁▁x", "▁Hey"));

    [Fact]
    public void OnlyTheFirstTokenLosesItsReplacementCharacters() =>
        Assert.Equal(["Hey", " friend!"], DecoderCases.Chain("""{"type":"Metaspace","replacement":"▁"}""", "▁Hey", "▁friend!"));

    [Theory]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":false}""", "add_prefix_space does not match declared prepend_scheme")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":false,"prepend_scheme":"always"}""", "add_prefix_space does not match declared prepend_scheme")]
    [InlineData("""{"type":"Metaspace","replacement":"ab","prepend_scheme":"always"}""", "expected a single character")]
    [InlineData("""{"type":"Metaspace","replacement":"a","prepend_scheme":"Always"}""", "\"first\", \"never\" or \"always\"")]
    [InlineData("""{"type":"Metaspace"}""", "missing field 'replacement'")]
    public void MalformedJsonIsAnError(string json, string problem) => DecoderCases.ReadError(json, problem);

    [Fact]
    public void LegacyNeverIsAccepted() =>
        Assert.Equal("  x Hey", DecoderCases.Decode("""{"type":"Metaspace","replacement":"▁","add_prefix_space":false,"prepend_scheme":"never"}""", "▁▁x", "▁Hey"));

    [Fact]
    public void WritesWhatHuggingFaceWrites()
    {
        DecoderCases.AssertRoundTrip("""{"type":"Metaspace","replacement":"▁","add_prefix_space":true}""",
            """{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true}""", "▁a", "▁b");
        DecoderCases.AssertRoundTrip("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"first"}""",
            """{"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":true}""", "▁a", "▁b");
    }
}
