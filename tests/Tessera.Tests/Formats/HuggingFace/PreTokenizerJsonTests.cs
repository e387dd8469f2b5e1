using Tessera.Tests.PreTokenizers;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>Pre-tokenizer objects Hugging Face does not load are rejected with errors naming the type or the path.</summary>
public sealed class PreTokenizerJsonTests
{
    [Theory]
    [InlineData("""{"type":"Nope"}""", "'Nope'")]
    [InlineData("""{"add_prefix_space":true,"trim_offsets":true,"use_regex":true}""", "'(untagged)'")]
    [InlineData("""{"pretokenizers":[]}""", "'(untagged)'")]
    public void UnknownOrUntaggedTypesListTheSupportedOnes(string json, string type)
    {
        var error = Assert.Throws<NotSupportedException>(() => PreTokenizerAssert.Load(json));
        Assert.Contains(type, error.Message, StringComparison.Ordinal);
        foreach (string supported in new[] { "BertPreTokenizer", "ByteLevel", "CharDelimiterSplit", "Digits", "FixedLength", "Metaspace",
                     "Punctuation", "Sequence", "Split", "UnicodeScripts", "Whitespace", "WhitespaceSplit" })
            Assert.Contains(supported, error.Message, StringComparison.Ordinal);
    }

    /// <summary>"Delimiter" is the name of Hugging Face's enum variant, but its loader only takes "CharDelimiterSplit".</summary>
    [Fact]
    public void DelimiterIsNotATypeName() =>
        PreTokenizerAssert.Rejects("""{"type":"Delimiter","delimiter":"x"}""", "CharDelimiterSplit");

    [Fact]
    public void NonObjectsAreRejected() =>
        Assert.Throws<TokenizerFormatException>(() => PreTokenizerAssert.Load("""["Whitespace"]"""));
}
