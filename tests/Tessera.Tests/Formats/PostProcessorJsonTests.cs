using Tessera.Tests.PostProcessors;

namespace Tessera.Tests.Formats;

/// <summary>Post-processors are read by their fields in Hugging Face's order; an unknown one lists the supported types.</summary>
public sealed class PostProcessorJsonTests
{
    [Theory]
    [InlineData("""{"type":"Nope"}""", "'Nope'")]
    [InlineData("""{}""", "(untagged)")]
    public void UnknownPostProcessorsListTheSupportedTypes(string json, string named)
    {
        var error = Assert.Throws<NotSupportedException>(() => PostProcessorCases.Read(json));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("BertProcessing, ByteLevel, RobertaProcessing, Sequence, TemplateProcessing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedPostProcessorOfAKnownTypeReportsItsProblem()
    {
        var error = Assert.Throws<TokenizerFormatException>(() => PostProcessorCases.Read("""{"type":"TemplateProcessing","single":[],"pair":[]}"""));
        Assert.Contains("missing field 'special_tokens'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateWithBertsFieldsIsBertProcessing() => Assert.IsType<Tessera.PostProcessors.BertPostProcessor>(PostProcessorCases.Read(
        """{"type":"TemplateProcessing","sep":["</s>",9],"cls":["<s>",8],"single":[],"pair":[],"special_tokens":{}}"""));
}
