using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JsonNode = System.Text.Json.Nodes.JsonNode;
using Tessera.Formats.HuggingFace;
using Tessera.Models;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Models;

/// <summary>
/// Load, write, load: a conformance case's model written back by <see cref="IModel.WriteJson"/> is the model Hugging
/// Face wrote (the case files are Hugging Face's own serialization), and the tokenizer with the written model encodes
/// every golden input as the original does.
/// </summary>
public sealed class ModelRoundTripTests
{
    public static TheoryData<string> Cases() => ["wordpiece-split", "wordpiece-bert", "wordlevel-split", "unigram-split", "unigram-bytefallback"];

    private static (JsonObject Model, string File) CaseModel(string name)
    {
        string file = HuggingFaceGoldens.TokenizerPath(name);
        var document = JsonDocument.Parse(File.ReadAllBytes(file));
        return (new JsonObject(TestJson.Node(document.RootElement), file, "$").Object("model"), file);
    }

    private static string Write(IModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            model.WriteJson(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheWrittenModelIsTheModelHuggingFaceWrote(string name)
    {
        (JsonObject json, _) = CaseModel(name);
        string written = Write(ModelJson.Read(json));
        // Same fields in the same order, same tokens, ids and score texts (string escapes aside).
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json.Element.GetRawText()), JsonNode.Parse(written)), $"{name}: the written model differs");
        Assert.Equal(Keys(JsonDocument.Parse(json.Element.GetRawText()).RootElement), Keys(JsonDocument.Parse(written).RootElement));
        Assert.Equal(Numbers(json.Element.GetRawText()), Numbers(written));
    }

    private static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>The number texts in order (scores, ids, limits).</summary>
    private static List<string> Numbers(string json)
    {
        var numbers = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.Number)
                numbers.Add(Encoding.UTF8.GetString(reader.ValueSpan));
        return numbers;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ATokenizerWithTheWrittenModelEncodesAsTheOriginal(string name)
    {
        (JsonObject json, string file) = CaseModel(name);
        JsonNode root = JsonNode.Parse(File.ReadAllText(file))!;
        root["model"] = JsonNode.Parse(Write(ModelJson.Read(json)));
        Tokenizer original = HuggingFaceGoldens.Load(name);
        Tokenizer rewritten = Tokenizer.FromJson(root.ToJsonString());
        foreach (string input in new[] { "prose-en", "code", "multilingual", "adversarial", "unicode-edge", "special-tokens" })
        {
            foreach (string document in GoldenFiles.Documents(input).Take(60))
            {
                foreach (bool special in new[] { false, true })
                {
                    TokenEncoding a = original.Encode(document, addSpecialTokens: special, matchSpecialTokens: special);
                    TokenEncoding b = rewritten.Encode(document, addSpecialTokens: special, matchSpecialTokens: special);
                    Assert.Equal(a.Ids, b.Ids);
                    Assert.Equal(a.Offsets, b.Offsets);
                }
            }
        }
    }
}
