using System.Text.Json;

namespace Tessera.Tests.PreTokenizers;

/// <summary>Known answers from Hugging Face tokenizers (pre_tokenize_str, and encode for the added-token cases) and the loader's errors.</summary>
public sealed class MetaspacePreTokenizerTests
{
    private static string Json(string scheme, bool split = true) =>
        $$"""{"type":"Metaspace","replacement":"▁","prepend_scheme":"{{scheme}}","split":{{(split ? "true" : "false")}}}""";

    [Theory]
    [InlineData("always", true, "▁Hey@0-3 | ▁@3-4 | ▁friend!@4-12 | ▁@12-13")]
    [InlineData("never", true, "Hey@0-3 | ▁@3-4 | ▁friend!@4-12 | ▁@12-13")]
    [InlineData("first", false, "▁Hey▁▁friend!▁@0-13")]
    public void ReplacesSpacesPrependsAndSplits(string scheme, bool split, string pieces) =>
        Assert.Equal(pieces, PreTokenizerAssert.Pieces(Json(scheme, split), "Hey  friend! "));

    /// <summary>"first" prepends only to the piece that starts at offset 0 of the input: not after an added token.</summary>
    [Theory]
    [InlineData("first", "Hey <s>how are", "▁ H e y ▁ <s> h o w ▁ a r e", "[[0,1],[0,1],[1,2],[2,3],[3,4],[4,7],[7,8],[8,9],[9,10],[10,11],[11,12],[12,13],[13,14]]")]
    [InlineData("always", "Hey <s>how are", "▁ H e y ▁ <s> ▁ h o w ▁ a r e", "[[0,1],[0,1],[1,2],[2,3],[3,4],[4,7],[7,8],[7,8],[8,9],[9,10],[10,11],[11,12],[12,13],[13,14]]")]
    [InlineData("never", "Hey <s>how are", "H e y ▁ <s> h o w ▁ a r e", "[[0,1],[1,2],[2,3],[3,4],[4,7],[7,8],[8,9],[9,10],[10,11],[11,12],[12,13],[13,14]]")]
    [InlineData("first", "<s>Hey", "<s> H e y", "[[0,3],[3,4],[4,5],[5,6]]")]
    [InlineData("always", "<s>Hey", "<s> ▁ H e y", "[[0,3],[3,4],[3,4],[4,5],[5,6]]")]
    [InlineData("first", " Hey", "▁ H e y", "[[0,1],[1,2],[2,3],[3,4]]")]
    [InlineData("first", "Hey<s> how", "▁ H e y <s> ▁ h o w", "[[0,1],[0,1],[1,2],[2,3],[3,6],[6,7],[7,8],[8,9],[9,10]]")]
    public void PrependSchemeFirstLooksAtTheOffsetInTheInput(string scheme, string text, string tokens, string offsets)
    {
        string[] chars = [.. "▁Heyhowar<>s".Select(c => c.ToString())];
        string vocab = "{" + string.Join(",", chars.Select((c, i) => $"{JsonSerializer.Serialize(c)}:{i}")) + "}";
        Tokenizer tokenizer = Tokenizer.FromJson($$$"""
            {"added_tokens":[{"id":100,"content":"<s>","special":true,"normalized":false}],
             "pre_tokenizer":{{{Json(scheme)}}},
             "model":{"type":"BPE","vocab":{{{vocab}}},"merges":[]}}
            """);
        TokenEncoding encoding = tokenizer.Encode(text, addSpecialTokens: false);
        Assert.Equal(tokens, string.Join(" ", encoding.Tokens));
        Assert.Equal(offsets, JsonSerializer.Serialize(encoding.Offsets.Select(o => new[] { o.Start, o.End })));
    }

    [Theory]
    [InlineData("""{"type":"Metaspace","replacement":"▁"}""", """{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true}""")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","str_rep":"▁","add_prefix_space":true}""", """{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true}""")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":true,"prepend_scheme":"first"}""", """{"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":true}""")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":true,"prepend_scheme":"never"}""", """{"type":"Metaspace","replacement":"▁","prepend_scheme":"never","split":true}""")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":false,"prepend_scheme":"never"}""", """{"type":"Metaspace","replacement":"▁","prepend_scheme":"never","split":true}""")]
    [InlineData("""{"type":"Metaspace","replacement":"_","split":null,"add_prefix_space":null}""", """{"type":"Metaspace","replacement":"_","prepend_scheme":"always","split":true}""")]
    public void ReadsLegacyFormsAndWritesTheCurrentOne(string json, string written) =>
        Assert.Equal(written, PreTokenizerAssert.Written(PreTokenizerAssert.Load(json)));

    [Theory]
    [InlineData("always")]
    [InlineData("first")]
    [InlineData("never")]
    public void RoundTrips(string scheme)
    {
        PreTokenizerAssert.RoundTrips(Json(scheme), " a  b ");
        PreTokenizerAssert.RoundTrips(Json(scheme, split: false), " a  b ");
    }

    [Theory]
    [InlineData("""{"type":"Metaspace"}""", "missing field 'replacement'")]
    [InlineData("""{"type":"Metaspace","replacement":null}""", "missing field 'replacement'")]
    [InlineData("""{"type":"Metaspace","replacement":""}""", "expected a single character")]
    [InlineData("""{"type":"Metaspace","replacement":"ab"}""", "expected a single character")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"First"}""", "expected one of always, first, never")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","prepend_scheme":null}""", "found null")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":false}""", "contradicts")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","add_prefix_space":false,"prepend_scheme":"first"}""", "contradicts")]
    [InlineData("""{"type":"Metaspace","replacement":"▁","split":"yes"}""", "expected true or false")]
    public void RejectsWhatHuggingFaceRejects(string json, string problem) => PreTokenizerAssert.Rejects(json, problem);
}
