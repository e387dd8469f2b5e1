using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Models;
using Tessera.Models.WordPiece;

namespace Tessera.Tests.Models.WordPiece;

/// <summary>
/// WordPiece as Hugging Face's <c>models/wordpiece/mod.rs</c>: its own unit tests, a transcription of its loop as the
/// reference for random vocabularies, the JSON form and its errors.
/// </summary>
public sealed class WordPieceModelTests
{
    private static WordPieceModel Model(Dictionary<string, int> vocabulary, string unk = "[UNK]", string prefix = "##", int max = 100) =>
        new(vocabulary, unk, prefix, max);

    private static List<(string Token, int Start, int End)> Tokens(WordPieceModel model, string text)
    {
        var output = new List<Token>();
        model.Tokenize(Encoding.UTF8.GetBytes(text), output);
        return [.. output.Select(t => (model.IdToToken(t.Id)!, t.Start, t.End))];
    }

    /// <summary>Hugging Face's loop, on strings: the longest vocabulary entry from each start, shortening by one character.</summary>
    private static List<(int Id, int Start, int End)> Reference(Dictionary<string, int> vocab, string unk, string prefix, int max, string word)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(word);
        if (word.EnumerateRunes().Count() > max)
            return [(vocab[unk], 0, bytes.Length)];
        var tokens = new List<(int, int, int)>();
        for (int start = 0; start < bytes.Length;)
        {
            int end = bytes.Length;
            int found = -1;
            while (start < end)
            {
                string sub = Encoding.UTF8.GetString(bytes, start, end - start);
                if (start > 0)
                    sub = prefix + sub;
                if (vocab.TryGetValue(sub, out int id))
                {
                    found = id;
                    break;
                }
                end -= Encoding.UTF8.GetByteCount(sub.EnumerateRunes().Last().ToString());
            }
            if (found < 0)
                return [(vocab[unk], 0, bytes.Length)];
            tokens.Add((found, start, end));
            start = end;
        }
        return tokens;
    }

    [Fact]
    public void HuggingFaceTokenizeTest()
    {
        var model = Model(new() { ["a"] = 0, ["sentence"] = 1 });
        Assert.Equal([("a", 0, 1)], Tokens(model, "a"));
        Assert.Equal([("sentence", 0, 8)], Tokens(model, "sentence"));
    }

    [Fact]
    public void HuggingFaceTokenizePieceTest()
    {
        var model = Model(new() { ["##na"] = 0, ["ba"] = 1, ["[UNK]"] = 2 });
        Assert.Equal([("ba", 0, 2), ("##na", 2, 4), ("##na", 4, 6)], Tokens(model, "banana"));
        Assert.Equal([("[UNK]", 0, 6)], Tokens(model, "nanana")); // a starting "na" is not "##na"
    }

    [Fact]
    public void TheLongestMatchWinsAndOffsetsAreBytes()
    {
        var model = Model(new() { ["un"] = 0, ["unaff"] = 1, ["##able"] = 2, ["##a"] = 3, ["##ble"] = 4, ["é"] = 5, ["##東京"] = 6, ["[UNK]"] = 7 });
        Assert.Equal([("unaff", 0, 5), ("##able", 5, 9)], Tokens(model, "unaffable"));
        Assert.Equal([("é", 0, 2), ("##東京", 2, 8)], Tokens(model, "é東京"));
    }

    [Fact]
    public void AnyMissMakesTheWholeWordOneUnknown()
    {
        var model = Model(new() { ["un"] = 0, ["##aff"] = 1, ["[UNK]"] = 2 });
        Assert.Equal([("[UNK]", 0, 6)], Tokens(model, "unaffx"));
    }

    [Theory]
    [InlineData(5, "ééééé", true)]   // 5 characters, 10 bytes: within the limit
    [InlineData(5, "éééééé", false)] // 6 characters
    [InlineData(0, "é", false)]
    public void TheLimitCountsCharacters(int max, string word, bool within)
    {
        var model = Model(new() { ["é"] = 0, ["##é"] = 1, ["[UNK]"] = 2 }, max: max);
        List<(string Token, int Start, int End)> tokens = Tokens(model, word);
        Assert.Equal(within ? word.Length : 1, tokens.Count);
        if (!within)
            Assert.Equal(("[UNK]", 0, Encoding.UTF8.GetByteCount(word)), tokens[0]);
    }

    [Fact]
    public void AnyPrefixWorksIncludingNone()
    {
        var model = Model(new() { ["ab"] = 0, ["c"] = 1, ["[UNK]"] = 2 }, prefix: "");
        Assert.Equal([("ab", 0, 2), ("c", 2, 3), ("ab", 3, 5)], Tokens(model, "abcab"));
        var other = Model(new() { ["ab"] = 0, ["@@c"] = 1, ["[UNK]"] = 2 }, prefix: "@@");
        Assert.Equal([("ab", 0, 2), ("@@c", 2, 3)], Tokens(other, "abc"));
    }

    [Fact]
    public void TheUnknownTokenMustExistOnlyWhenNeeded()
    {
        var model = Model(new() { ["a"] = 0 });
        Assert.Equal([("a", 0, 1)], Tokens(model, "a"));
        var e = Assert.Throws<TokenizationException>(() => Tokens(model, "b"));
        Assert.Contains("[UNK]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomVocabulariesMatchTheReference(int seed)
    {
        var random = new Random(seed);
        string[] alphabet = ["a", "b", "c", "é", "東", "😀"];
        for (int round = 0; round < 200; round++)
        {
            var vocab = new Dictionary<string, int> { ["[UNK]"] = 0 };
            int size = random.Next(1, 40);
            for (int i = 0; i < size; i++)
            {
                string token = (random.Next(2) == 0 ? "##" : "") + string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => alphabet[random.Next(alphabet.Length)]));
                vocab.TryAdd(token, vocab.Count);
            }
            int max = random.Next(3, 12);
            var model = Model(vocab, max: max);
            for (int probe = 0; probe < 20; probe++)
            {
                string word = string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => alphabet[random.Next(alphabet.Length)]));
                var output = new List<Token>();
                model.Tokenize(Encoding.UTF8.GetBytes(word), output);
                Assert.Equal(Reference(vocab, "[UNK]", "##", max, word), output.Select(t => (t.Id, t.Start, t.End)).ToList());
            }
        }
    }

    private const string Json = """{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":7,"vocab":{"[UNK]":0,"ba":1,"##na":2}}""";

    private static WordPieceModel Read(string json) =>
        WordPieceModel.FromJson(new JsonObject(TestJson.Node(json), "t.json", "$.model"));

    [Fact]
    public void ReadsAndWritesHuggingFaceJson()
    {
        WordPieceModel model = Read(Json);
        Assert.Equal(7, model.MaxInputCharsPerWord);
        Assert.Equal(Json, Write(model));
        Assert.Equal([("ba", 0, 2), ("##na", 2, 4)], Tokens(Read(Write(model)), "bana"));
    }

    internal static string Write(IModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            model.WriteJson(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [InlineData("unk_token")]
    [InlineData("continuing_subword_prefix")]
    [InlineData("max_input_chars_per_word")]
    [InlineData("vocab")]
    public void EveryFieldIsRequiredAsInHuggingFace(string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Json)!.AsObject();
        node.Remove(field);
        var e = Assert.Throws<TokenizerFormatException>(() => Read(node.ToJsonString()));
        Assert.Contains($"missing field '{field}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"unk_token\":\"[UNK]\"", "\"unk_token\":3", "$.model.unk_token")]
    [InlineData("\"max_input_chars_per_word\":7", "\"max_input_chars_per_word\":-1", "$.model.max_input_chars_per_word")]
    [InlineData("\"max_input_chars_per_word\":7", "\"max_input_chars_per_word\":1.5", "$.model.max_input_chars_per_word")]
    [InlineData("\"ba\":1", "\"ba\":-1", "$.model.vocab")]
    [InlineData("\"ba\":1", "\"ba\":\"1\"", "$.model.vocab")]
    public void MalformedFieldsAreNamed(string from, string to, string path)
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Read(Json.Replace(from, to, StringComparison.Ordinal)));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal("t.json", e.FilePath);
    }

    [Fact]
    public void TheVocabularyMustBeAnObject()
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Read(Json.Replace("\"vocab\":{\"[UNK]\":0,\"ba\":1,\"##na\":2}", "\"vocab\":[]", StringComparison.Ordinal)));
        Assert.Contains("$.model.vocab", e.Message, StringComparison.Ordinal);
    }
}
