namespace Tessera.Tests.Decoders;

/// <summary>Sequence: each decoder runs on the strings the one before returned (Hugging Face's outputs).</summary>
public sealed class SequenceDecoderTests
{
    [Fact]
    public void LlamasDecoder() => Assert.Equal("Hey\uFFFD  x", DecoderCases.Decode(
        """{"type":"Sequence","decoders":[{"type":"Replace","pattern":{"String":"▁"},"content":" "},{"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]}""",
        "▁Hey", "<0xE5>", "▁▁x"));

    [Fact]
    public void HuggingFacesCtcThenMetaspace() => Assert.Equal("Hi you", DecoderCases.Decode(
        """{"type":"Sequence","decoders":[{"type":"CTC","pad_token":"<pad>","word_delimiter_token":"|","cleanup":true},{"type":"Metaspace","replacement":"▁","prepend_scheme":"always"}]}""",
        "▁", "▁", "H", "H", "i", "i", "▁", "y", "o", "u"));

    [Fact]
    public void AnEmptySequenceKeepsTheTokens() => Assert.Equal(["a", "b"], DecoderCases.Chain("""{"type":"Sequence","decoders":[]}""", "a", "b"));

    [Fact]
    public void MissingDecodersIsAnError() => DecoderCases.ReadError("""{"type":"Sequence"}""", "missing field 'decoders'");

    [Fact]
    public void WritesWhatHuggingFaceWrites() => DecoderCases.AssertRoundTrip("""{"type":"Sequence","decoders":[{"type":"Fuse"},{"type":"ByteFallback"}]}""",
        """{"type":"Sequence","decoders":[{"type":"Fuse"},{"type":"ByteFallback"}]}""", "<0x61>", "b");
}
