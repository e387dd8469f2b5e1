using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

public sealed class BertNormalizerTests
{
    // Expected texts and offsets are Hugging Face's (tokenizers 0.23.2). An ideograph becomes " X ", all three aligned
    // with it; removed controls are charged to the code point before them.
    [Theory]
    [InlineData("\u0000\u4E2D\u00C9a\u200B\u0301 B", " \u4E2D ea b", "1-2 1-2 1-2 2-3 3-4 6-7 7-8")]
    [InlineData("A\tB\u00A0C", "a b c", "0-1 1-2 2-3 3-4 4-5")]
    [InlineData("\u0130", "i", "0-1")]
    [InlineData("\uFFFD\u4E2D\u6587", " \u4E2D  \u6587 ", "1-2 1-2 1-2 2-3 2-3 2-3")]
    public void NormalizesUncasedAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new BertNormalizer(true, true, null, true), input, expected, offsets);

    [Theory]
    [InlineData("\u00C9a\u0085b\u3000c", "\u00C9ab c", "0-1 1-2 3-4 4-5 5-6")]
    public void NormalizesCasedAsHuggingFace(string input, string expected, string offsets) =>
        NormalizerAssert.Normalizes(new BertNormalizer(true, false, null, false), input, expected, offsets);

    // unicode_categories (Unicode 8.0): U+08E2 is a format character since 9.0, so clean_text keeps it; U+1885 was a
    // letter in 8.0 (a non-spacing mark since 9.0), so strip_accents keeps it; U+1734 was a non-spacing mark in 8.0.
    [Theory]
    [InlineData("a\u08E2b", "a\u08E2b")]
    [InlineData("a\u1885b", "a\u1885b")]
    [InlineData("a\u1734b", "ab")]
    public void UsesUnicode8Categories(string input, string expected)
    {
        var text = new Tessera.Text.NormalizedString(input);
        new BertNormalizer(true, false, true, false).Normalize(text);
        Assert.Equal(expected, text.NormalizedText);
    }

    [Fact]
    public void RoundTrips()
    {
        NormalizerAssert.RoundTrips(new BertNormalizer(true, true, null, true),
            """{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true}""", "\u00C9t\u00E9 \u4E2D");
        NormalizerAssert.RoundTrips(new BertNormalizer(false, true, false, true),
            """{"type":"BertNormalizer","clean_text":false,"handle_chinese_chars":true,"strip_accents":false,"lowercase":true}""", "\u00C9t\u00E9 \u4E2D");
    }

    // Hugging Face reads "Bert" (its tag), "BertNormalizer" (what it writes), another or no tag (the untagged form);
    // strip_accents may be absent.
    [Theory]
    [InlineData("""{"type":"Bert","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true}""")]
    [InlineData("""{"clean_text":true,"handle_chinese_chars":true,"strip_accents":true,"lowercase":true}""")]
    [InlineData("""{"type":"WrongTag","clean_text":true,"handle_chinese_chars":true,"lowercase":false}""")]
    [InlineData("""{"type":5,"clean_text":true,"handle_chinese_chars":true,"lowercase":true}""")]
    public void ReadsEveryFormHuggingFaceReads(string json) => Assert.IsType<BertNormalizer>(NormalizerAssert.Read(json));

    [Theory]
    [InlineData("""{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true}""", "normalizer: missing field 'lowercase'")]
    [InlineData("""{"type":"BertNormalizer","clean_text":"yes","handle_chinese_chars":true,"lowercase":true}""", "normalizer.clean_text: expected true or false, found a string")]
    [InlineData("""{"type":"Bert","clean_text":null,"handle_chinese_chars":true,"lowercase":true}""", "normalizer.clean_text: expected true or false, found null")]
    [InlineData("""{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":1,"lowercase":true}""", "normalizer.strip_accents: expected true or false, found a number")]
    public void RejectsMalformedJson(string json, string message) => NormalizerAssert.Rejects(json, message);
}
