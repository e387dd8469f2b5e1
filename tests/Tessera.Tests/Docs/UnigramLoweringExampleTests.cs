namespace Tessera.Tests.Docs;

/// <summary>
/// The Unigram lowering example of docs/algorithms/tokenizer-pipeline.md: ids Hugging Face tokenizers 0.23.2 gave for
/// the same tokenizer.json (through its Node binding: <c>Tokenizer.fromString(json).encode(text, null,
/// {addSpecialTokens: false}).getIds()</c>).
/// </summary>
public sealed class UnigramLoweringExampleTests
{
    private const string Json = """
        {"normalizer": {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "},
         "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"},
           {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": true}]},
         "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": false,
           "vocab": [["<unk>", 0], ["\u2581", -3], ["a", -2], ["b", -2], ["\u2581a", -1.5], ["ab", -1], ["\u2581ab", -4.5]]}}
        """;

    [Theory]
    [InlineData("ab  ab\tb", new[] { 4, 3, 4, 3, 1, 3 })]
    [InlineData("ba c", new[] { 1, 3, 2, 1, 0 })]
    public void BothPathsGiveHuggingFacesIds(string text, int[] expected)
    {
        Tokenizer tokenizer = Tokenizer.FromJson(Json);

        Assert.True(tokenizer.IsLowered);
        Assert.Equal(expected, tokenizer.Encode(text, addSpecialTokens: false).Ids);
        Assert.Equal(expected, tokenizer.EncodeToIds(text, addSpecialTokens: false));
    }
}
