namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str) and the loader's errors.</summary>
public sealed class SequencePreTokenizerTests
{
    private const string Json = """{"type":"Sequence","pretokenizers":[{"type":"WhitespaceSplit"},{"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":true}]}""";

    /// <summary>Metaspace's "first" applies to the piece at offset 0 only, even when an earlier pre-tokenizer cut the text.</summary>
    [Fact]
    public void AppliesEachInTurn() => Assert.Equal("▁Hey@0-3 | my@4-6 | friend@7-13", PreTokenizerAssert.Pieces(Json, "Hey my friend"));

    [Fact]
    public void RoundTrips()
    {
        PreTokenizerAssert.RoundTrips(Json, " a b");
        PreTokenizerAssert.RoundTrips("""{"type":"Sequence","pretokenizers":[]}""", " a b");
    }

    [Theory]
    [InlineData("""{"type":"Sequence"}""", "missing field 'pretokenizers'")]
    [InlineData("""{"type":"Sequence","pretokenizers":{}}""", "expected an array")]
    [InlineData("""{"type":"Sequence","pretokenizers":[{"type":"Digits"}]}""", "$.pre_tokenizer.pretokenizers[0]: missing field 'individual_digits'")]
    public void RejectsWhatHuggingFaceRejects(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
