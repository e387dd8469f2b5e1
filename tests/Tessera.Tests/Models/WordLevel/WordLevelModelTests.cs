using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Models;
using Tessera.Models.WordLevel;
using Tessera.Tests.Models.WordPiece;

namespace Tessera.Tests.Models.WordLevel;

/// <summary>WordLevel as Hugging Face's <c>models/wordlevel/mod.rs</c>: whole pieces or the unknown token.</summary>
public sealed class WordLevelModelTests
{
    private static List<(int Id, int Start, int End)> Tokens(IModel model, string text)
    {
        var output = new List<Token>();
        model.Tokenize(Encoding.UTF8.GetBytes(text), output);
        return [.. output.Select(t => (t.Id, t.Start, t.End))];
    }

    [Fact]
    public void AWholePieceOrTheUnknownToken()
    {
        var model = new WordLevelModel(new() { ["<unk>"] = 0, ["hello"] = 1, ["東京"] = 2 }, "<unk>");
        Assert.Equal([(1, 0, 5)], Tokens(model, "hello"));
        Assert.Equal([(2, 0, 6)], Tokens(model, "東京"));
        Assert.Equal([(0, 0, 4)], Tokens(model, "hell"));
        Assert.Equal([(0, 0, 6)], Tokens(model, "hello!"));
    }

    [Fact]
    public void TheUnknownTokenMustExistOnlyWhenNeeded()
    {
        var model = new WordLevelModel(new() { ["a"] = 0 }, "<unk>");
        Assert.Equal([(0, 0, 1)], Tokens(model, "a"));
        Assert.Throws<TokenizationException>(() => Tokens(model, "b"));
    }

    [Fact]
    public void ManyWordsAsADictionary()
    {
        var vocabulary = new Dictionary<string, int> { ["<unk>"] = 0 };
        var random = new Random(5);
        for (int i = 0; i < 5000; i++)
            vocabulary.TryAdd(new string([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)('a' + random.Next(6)))]), vocabulary.Count);
        var model = new WordLevelModel(vocabulary, "<unk>");
        for (int i = 0; i < 3000; i++)
        {
            string word = new([.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => (char)('a' + random.Next(6)))]);
            Assert.Equal(vocabulary.GetValueOrDefault(word, 0), Tokens(model, word)[0].Id);
        }
    }

    private const string Json = """{"type":"WordLevel","vocab":{"<unk>":0,"b":2,"a":1},"unk_token":"<unk>"}""";

    private static WordLevelModel Read(string json) =>
        WordLevelModel.FromJson(new JsonObject(TestJson.Node(json), "t.json", "$.model"));

    [Fact]
    public void ReadsAndWritesHuggingFaceJsonInIdOrder()
    {
        WordLevelModel model = Read(Json);
        string written = WordPieceModelTests.Write(model);
        Assert.Equal("""{"type":"WordLevel","vocab":{"<unk>":0,"a":1,"b":2},"unk_token":"<unk>"}""", written);
        Assert.Equal([(2, 0, 1)], Tokens(Read(written), "b"));
    }

    [Theory]
    [InlineData("unk_token")]
    [InlineData("vocab")]
    public void BothFieldsAreRequiredAsInHuggingFace(string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Json)!.AsObject();
        node.Remove(field);
        var e = Assert.Throws<TokenizerFormatException>(() => Read(node.ToJsonString()));
        Assert.Contains($"missing field '{field}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdMustBeANonNegativeInteger()
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Read(Json.Replace("\"b\":2", "\"b\":2.5", StringComparison.Ordinal)));
        Assert.Contains("$.model.vocab", e.Message, StringComparison.Ordinal);
    }
}
