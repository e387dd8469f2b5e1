using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.PostProcessors;

namespace Tessera.Tests.PostProcessors;

/// <summary>
/// Post-processors read from tokenizer.json text, and a tiny tokenizer around them: vocabulary [UNK] a b c d e (ids 0
/// to 5, then [CLS] 6, [SEP] 7), words split at spaces, so "c d" is [3, 4]. The Hugging Face results quoted in the
/// tests come from this tokenizer run through the Node binding (tokenizers 0.23.2).
/// </summary>
internal static class PostProcessorCases
{
    public static IPostProcessor Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return PostProcessorJson.Read(new JsonObject(TestJson.Node(document.RootElement), "test.json", "$.post_processor"));
    }

    public static string Write(IPostProcessor processor)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            processor.WriteJson(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Tokenizer Tiny(string postProcessor) => Tokenizer.FromJson($$$"""
        {"version":"1.0","added_tokens":[],"pre_tokenizer":{"type":"Split","pattern":{"String":" "},"behavior":"Removed","invert":false},
         "post_processor":{{{postProcessor}}},
         "model":{"type":"BPE","vocab":{"[UNK]":0,"a":1,"b":2,"c":3,"d":4,"e":5,"[CLS]":6,"[SEP]":7},"merges":[],"unk_token":"[UNK]"}}
        """);

    /// <summary>Ids, type ids, special-tokens mask and sequence ids of an encoding, as one line to compare.</summary>
    public static string Summary(TokenEncoding e) =>
        $"ids [{string.Join(',', e.Ids)}] types [{string.Join(',', e.TypeIds)}] special [{string.Join(',', e.SpecialTokensMask)}] " +
        $"sequences [{string.Join(',', e.SequenceIds.Select(s => s?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"))}] words [{string.Join(',', e.WordIds.Select(s => s?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"))}]";

    /// <summary>Reads, writes and reads again: the written form is <paramref name="expected"/> (Hugging Face's own).</summary>
    public static void AssertWrites(string json, string expected)
    {
        string written = Write(Read(json));
        Assert.Equal(expected, written);
        Assert.Equal(written, Write(Read(written)));
    }
}
