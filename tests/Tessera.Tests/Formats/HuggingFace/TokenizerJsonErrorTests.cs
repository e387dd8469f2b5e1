namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>Each malformed tokenizer.json gets its own clear error: the file, the line and byte or the JSON path, and what was expected.</summary>
public sealed class TokenizerJsonErrorTests
{
    private const string Vocab = "\"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}";

    [Fact]
    public void SyntaxErrorNamesTheLineAndTheByte()
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromJson("{\n  \"model\": {\n    \"type\": \"BPE\",\n    " + Vocab + ",,\n  }\n}"));

        Assert.Equal(4, e.LineNumber);
        Assert.Contains("malformed JSON at byte", e.Message);
    }

    [Fact]
    public void UnknownComponentTypeListsTheSupportedOnes()
    {
        var e = Assert.Throws<NotSupportedException>(() => Tokenizer.FromJson("{\"pre_tokenizer\": {\"type\": \"Nope\"}, \"model\": {\"type\": \"BPE\", " + Vocab + ", \"merges\": []}}"));

        Assert.Contains("$.pre_tokenizer: unsupported pre-tokenizer type 'Nope'; supported: ", e.Message);
        Assert.Contains("ByteLevel", e.Message);
        Assert.Contains("Split", e.Message);
    }

    [Theory]
    [InlineData("[\"a c\"]", "$.model.merges[0]: 'c' is not in the vocabulary")]
    [InlineData("[\"a b\", [\"b\", \"x\"]]", "$.model.merges[1]: 'x' is not in the vocabulary")]
    [InlineData("[\"b a\"]", "$.model.merges[0]: the merged token 'ba' is not in the vocabulary")]
    [InlineData("[\"a b c\"]", "$.model.merges[0]: expected a merge \"left right\" or [\"left\", \"right\"]")]
    [InlineData("[42]", "$.model.merges[0]: expected a merge")]
    public void MergeNamingAMissingTokenIsNamedByIndex(string merges, string expected)
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromJson("{\"model\": {\"type\": \"BPE\", " + Vocab + ", \"merges\": " + merges + "}}"));

        Assert.Contains(expected, e.Message);
    }

    /// <summary>
    /// A list this long is resolved in chunks on two threads; whichever thread meets which failure first, the error
    /// names the lowest failing rank, as a reading in order does.
    /// </summary>
    [Theory]
    [InlineData(new[] { 39_000 }, 39_000)]
    [InlineData(new[] { 5_000, 30_000, 39_000 }, 5_000)]
    [InlineData(new[] { 39_000, 39_001, 100 }, 100)]
    public void LongMergeListsNameTheLowestFailingRank(int[] failing, int expected)
    {
        const int Count = 40_000;
        var json = new System.Text.StringBuilder("{\"model\": {\"type\": \"BPE\", \"vocab\": {");
        for (int i = 0; i < Count; i++)
            json.Append(i == 0 ? "" : ", ").Append($"\"p{i}\": {3 * i}, \"q{i}\": {3 * i + 1}, \"p{i}q{i}\": {3 * i + 2}");
        json.Append("}, \"merges\": [");
        for (int i = 0; i < Count; i++)
            json.Append(i == 0 ? "" : ", ").Append(failing.Contains(i) ? $"\"p{i} missing{i}\"" : $"\"p{i} q{i}\"");
        json.Append("]}}");

        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromJson(json.ToString()));

        Assert.Contains($"$.model.merges[{expected}]: 'missing{expected}' is not in the vocabulary", e.Message);
    }

    [Theory]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": \"zero\"}, \"merges\": []}}", "$.model.vocab: expected a non-negative integer id")]
    [InlineData("{\"normalizer\": 3, \"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": []}}", "$.normalizer: expected an object, found a number")]
    [InlineData("{\"added_tokens\": [{\"id\": 0}], \"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": []}}", "$.added_tokens[0]: missing field 'content'")]
    [InlineData("{\"added_tokens\": [{\"id\": 0, \"content\": \"\\ud800\"}], \"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": []}}", "$.added_tokens[0].content: a \\u escape is half of a surrogate pair")]
    [InlineData("{\"version\": \"1.0\"}", "missing field 'model'")]
    [InlineData("[1, 2]", "expected a JSON object")]
    public void WrongShapesAreNamedByJsonPath(string json, string expected)
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromJson(json));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => Tokenizer.Load(Path.Combine(Path.GetTempPath(), "tessera-missing-tokenizer.json")));
}
