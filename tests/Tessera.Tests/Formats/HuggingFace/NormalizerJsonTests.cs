using Tessera.Normalizers;
using Tessera.Tests.Normalizers;

namespace Tessera.Tests.Formats.HuggingFace;

public sealed class NormalizerJsonTests
{
    // What Hugging Face (tokenizers 0.23.2) reads each object as: by "type" when it is one of its tags, otherwise (no
    // tag, or a tag it does not know) by the fields, trying its forms in order and taking the first that reads.
    [Theory]
    [InlineData("""{"type":"NFC","extra":1}""", typeof(NfcNormalizer))]
    [InlineData("""{"type":"Lowercase","clean_text":true,"handle_chinese_chars":true,"lowercase":true}""", typeof(LowercaseNormalizer))]
    [InlineData("""{"normalizers":[{"type":"NFC"}]}""", typeof(SequenceNormalizer))]
    [InlineData("""{"type":"X","normalizers":[]}""", typeof(SequenceNormalizer))]
    [InlineData("""{"pattern":{"String":"a"},"content":"b"}""", typeof(ReplaceNormalizer))]
    [InlineData("""{"prepend":"x"}""", typeof(PrependNormalizer))]
    [InlineData("""{"type":"X","prepend":"x"}""", typeof(PrependNormalizer))]
    [InlineData("""{"clean_text":true,"handle_chinese_chars":true,"lowercase":true,"strip_left":true,"strip_right":true}""", typeof(BertNormalizer))]
    [InlineData("""{"strip_left":true,"strip_right":true,"normalizers":[]}""", typeof(StripNormalizer))]
    [InlineData("""{"normalizers":[],"prepend":"x"}""", typeof(SequenceNormalizer))]
    [InlineData("""{"pattern":{"String":"a"},"content":"b","prepend":"x"}""", typeof(ReplaceNormalizer))]
    [InlineData("""{"clean_text":true,"handle_chinese_chars":true,"prepend":"x"}""", typeof(PrependNormalizer))]
    public void ReadsAsHuggingFaceDoes(string json, Type expected) => Assert.IsType(expected, NormalizerAssert.Read(json));

    // Objects Hugging Face rejects with "data did not match any variant of untagged enum NormalizerUntagged".
    [Theory]
    [InlineData("""{}""", "'(untagged)'")]
    [InlineData("""{"type":"nfc"}""", "'nfc'")]
    [InlineData("""{"type":"Foo","clean_text":true}""", "'Foo'")]
    [InlineData("""{"type":"StripAccentsX"}""", "'StripAccentsX'")]
    public void UnknownTypesAreNotSupported(string json, string named)
    {
        var error = Assert.Throws<NotSupportedException>(() => NormalizerAssert.Read(json, "model.json"));
        Assert.Contains("model.json: normalizer: unsupported normalizer type " + named, error.Message, StringComparison.Ordinal);
        foreach (string type in new[] { "BertNormalizer", "ByteLevel", "Lowercase", "NFC", "NFD", "NFKC", "NFKD", "Nmt", "Prepend", "Replace", "Sequence", "Strip", "StripAccents" })
            Assert.Contains(type, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownNormalizerInsideASequenceIsNamedByItsPath()
    {
        var error = Assert.Throws<NotSupportedException>(() => NormalizerAssert.Read("""{"type":"Sequence","normalizers":[{"type":"NFC"},{"type":"Foo"}]}"""));
        Assert.Contains("normalizer.normalizers[1]: unsupported normalizer type 'Foo'", error.Message, StringComparison.Ordinal);
    }
}
