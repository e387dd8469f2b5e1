namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str) and the loader's errors.</summary>
public sealed class DigitsPreTokenizerTests
{
    [Theory]
    [InlineData(false, "ab @0-3 | 123@3-6 | x@6-7 | 45@7-9")]
    [InlineData(true, "ab @0-3 | 1@3-4 | 2@4-5 | 3@5-6 | x@6-7 | 4@7-8 | 5@8-9")]
    public void SeparatesDigits(bool individual, string pieces) =>
        Assert.Equal(pieces, PreTokenizerAssert.Pieces($$"""{"type":"Digits","individual_digits":{{(individual ? "true" : "false")}}}""", "ab 123x45"));

    [Fact]
    public void RoundTrips() => PreTokenizerAssert.RoundTrips("""{"type":"Digits","individual_digits":true}""", "a12");

    [Theory]
    [InlineData("""{"type":"Digits"}""", "missing field 'individual_digits'")]
    [InlineData("""{"type":"Digits","individual_digits":null}""", "missing field 'individual_digits'")]
    [InlineData("""{"type":"Digits","individual_digits":1}""", "expected true or false")]
    public void RejectsWhatHuggingFaceRejects(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
