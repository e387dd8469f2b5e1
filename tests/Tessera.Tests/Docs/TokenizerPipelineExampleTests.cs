using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Tests.Docs;

/// <summary>The worked example of docs/algorithms/tokenizer-pipeline.md (whose ids Hugging Face tokenizers gave).</summary>
public sealed class TokenizerPipelineExampleTests
{
    private static string Json(bool ignoreMerges)
    {
        var vocab = new JsonObject();
        int next = 0x100;
        for (int b = 0; b < 256; b++)
        {
            bool self = b is >= 0x21 and <= 0x7E or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            vocab[char.ConvertFromUtf32(self ? b : next++)] = b;
        }
        vocab["bc"] = 256;
        vocab["ab"] = 257;
        vocab["abc"] = 258;
        var json = new JsonObject
        {
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["ignore_merges"] = ignoreMerges,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray("b c", "a b", "ab c"),
            },
        };
        return json.ToJsonString();
    }

    [Theory]
    [InlineData(false, "abc", new[] { 97, 256 })]
    [InlineData(true, "abc", new[] { 258 })]
    [InlineData(false, "abcabc", new[] { 97, 256, 97, 256 })]
    [InlineData(true, "abcabc", new[] { 97, 256, 97, 256 })]
    public void BothPathsGiveHuggingFacesIds(bool ignoreMerges, string text, int[] expected)
    {
        Tokenizer tokenizer = Tokenizer.FromJson(Json(ignoreMerges));

        Assert.True(tokenizer.IsLowered);
        Assert.Equal(expected, tokenizer.Encode(text).Ids);
        Assert.Equal(expected, tokenizer.EncodeToIds(text));
    }
}
