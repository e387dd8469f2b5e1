using Tessera.Decoders;
using Tessera.Tests.Decoders;

namespace Tessera.Tests.Formats;

/// <summary>Decoders are read by "type", or without one by their fields, in Hugging Face's order.</summary>
public sealed class DecoderJsonTests
{
    [Theory]
    [InlineData("""{"suffix":"</w>"}""", typeof(BpeDecoder))]
    [InlineData("""{"suffix":"</w>","prefix":"##","cleanup":true}""", typeof(BpeDecoder))]
    [InlineData("""{"prefix":"##","cleanup":true}""", typeof(WordPieceDecoder))]
    [InlineData("""{"pad_token":"<pad>","word_delimiter_token":"|","cleanup":true}""", typeof(CtcDecoder))]
    [InlineData("""{"pattern":{"String":"a"},"content":"x"}""", typeof(ReplaceDecoder))]
    [InlineData("""{"content":" ","start":1,"stop":0}""", typeof(StripDecoder))]
    [InlineData("""{"type":"Fuse","suffix":"</w>"}""", typeof(FuseDecoder))]
    public void UntaggedFormsAreReadByTheirFields(string json, Type expected) => Assert.IsType(expected, DecoderCases.Read(json));

    [Theory]
    [InlineData("""{"type":"Nope"}""", "'Nope'")]
    [InlineData("""{}""", "(untagged)")]
    [InlineData("""{"add_prefix_space":true,"trim_offsets":true,"use_regex":true}""", "(untagged)")] // ByteLevel must be tagged
    [InlineData("""{"replacement":"▁","prepend_scheme":"always"}""", "(untagged)")] // so must Metaspace
    public void UnknownDecodersListTheSupportedTypes(string json, string named)
    {
        var error = Assert.Throws<NotSupportedException>(() => DecoderCases.Read(json));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("BPEDecoder, ByteFallback, ByteLevel, CTC, Fuse, Metaspace, Replace, Sequence, Strip, WordPiece", error.Message, StringComparison.Ordinal);
    }
}
