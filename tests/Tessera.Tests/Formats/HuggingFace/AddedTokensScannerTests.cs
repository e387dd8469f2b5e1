using System.Text;
using Tessera.Formats.HuggingFace;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// The scan of <c>"added_tokens"</c> reads the plain form as the JSON reader reads it, and leaves every other form to
/// the JSON reader, so that a whole file reads the same either way (or is refused with the same message).
/// </summary>
public sealed class AddedTokensScannerTests
{
    [Theory]
    [InlineData("""[]""")]
    [InlineData("""[{"id": 3, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}]""")]
    [InlineData("""[{"content": "x", "special": false}, {"id":7,"content":"<y>","rstrip":true,"lstrip":true,"single_word":true,"normalized":true,"special":true}]""")]
    [InlineData("""[ { "id" : 1 , "content" : "a\"b\\c\u00e9\ud83d\ude00\n" , "normalized" : true } ]""")]
    [InlineData("""[{"id": 0, "content": "ab"}, {"id": 1, "content": "ab", "special": true}, {"id": 2, "content": ""}]""")]
    public void ThePlainFormIsScannedAsTheJsonReaderReadsIt(string addedTokens)
    {
        string json = File(addedTokens);
        var scan = new JsonScanner(Encoding.UTF8.GetBytes(addedTokens), 0);
        List<AddedToken>? scanned = AddedTokensScanner.TryRead(ref scan, Encoding.UTF8.GetBytes(addedTokens));
        Assert.NotNull(scanned);
        TokenizerPipeline read = TokenizerJsonReader.ReadDocument(Encoding.UTF8.GetBytes(json), "t.json");
        Assert.Equal(read.AddedVocabulary.Tokens.Select(t => t.Token), scanned.Where(t => t.Content.Length > 0));
        Assert.Equal(Written(read), Written(ScannedBpeReader.TryRead(Encoding.UTF8.GetBytes(json), "t.json")!));
    }

    /// <summary>Forms the scan does not read: the file reads as the JSON reader reads it, or is refused as it refuses it.</summary>
    [Theory]
    [InlineData("""[{"id": 0, "content": "a", "special": null}]""")]
    [InlineData("""[{"id": 0, "content": "a", "normalized": null}]""")]
    [InlineData("""[{"id": 0, "content": "a", "extra": 1}]""")]
    [InlineData("""[{"id": 0, "content": "a", "content": "b"}]""")]
    [InlineData("""[{"id": 0, "cont\u0065nt": "a"}]""")]
    [InlineData("""[{"id": 0}]""")]
    [InlineData("""[{"id": 0, "content": 5}]""")]
    [InlineData("""[{"id": 0, "content": "a", "special": "yes"}]""")]
    [InlineData("""[{"id": 0, "content": "a", "special": 1}]""")]
    [InlineData("""[{"id": -1, "content": "a"}]""")]
    [InlineData("""[{"id": 0, "content": "\ud800"}]""")]
    [InlineData("""null""")]
    [InlineData("""{}""")]
    public void OtherFormsAreLeftToTheJsonReader(string addedTokens)
    {
        byte[] part = Encoding.UTF8.GetBytes(addedTokens);
        var scan = new JsonScanner(part, 0);
        Assert.Null(AddedTokensScanner.TryRead(ref scan, part));
        byte[] utf8 = Encoding.UTF8.GetBytes(File(addedTokens));
        string expected, actual;
        try
        {
            expected = Written(TokenizerJsonReader.ReadDocument(utf8, "t.json"));
        }
        catch (TokenizerFormatException e)
        {
            expected = e.Message;
        }
        try
        {
            actual = ScannedBpeReader.TryRead(utf8, "t.json") is { } scanned ? Written(scanned) : "not scanned";
        }
        catch (TokenizerFormatException e)
        {
            actual = e.Message;
        }
        Assert.Equal(expected, actual);
    }

    /// <summary>A second "added_tokens" replaces the first, scanned or not, as in the JSON reader (the last value of a name wins).</summary>
    [Theory]
    [InlineData("""[{"id": 0, "content": "a"}]""", """[{"id": 1, "content": "b", "extra": 1}]""")]
    [InlineData("""[{"id": 0, "content": "a", "extra": 1}]""", """[{"id": 1, "content": "b"}]""")]
    public void TheLastAddedTokensWin(string first, string second)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes($$$"""{"added_tokens": {{{first}}}, "added_tokens": {{{second}}}, "model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": []}}""");
        TokenizerPipeline scanned = ScannedBpeReader.TryRead(utf8, "t.json")!;
        Assert.Equal(["b"], scanned.AddedVocabulary.Tokens.Select(t => t.Token.Content));
        Assert.Equal(Written(TokenizerJsonReader.ReadDocument(utf8, "t.json")), Written(scanned));
    }

    private static string File(string addedTokens) =>
        $$$"""{"version": "1.0", "added_tokens": {{{addedTokens}}}, "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}}""";

    private static string Written(TokenizerPipeline pipeline) => new Tokenizer(pipeline, null).ToJson();
}
