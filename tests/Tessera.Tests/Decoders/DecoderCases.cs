using System.Text;
using System.Text.Json;
using Tessera.Decoders;
using Tessera.Formats.HuggingFace;

namespace Tessera.Tests.Decoders;

/// <summary>Reads decoders from tokenizer.json text, runs them and writes them back, for the decoder tests.</summary>
internal static class DecoderCases
{
    /// <summary>The decoder of <paramref name="json"/> (a <c>"decoder"</c> object), read as tokenizer.json's reader reads it.</summary>
    public static IDecoder Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return DecoderJson.Read(new JsonObject(TestJson.Node(document.RootElement), "test.json", "$.decoder"));
    }

    /// <summary>The decoded strings of <paramref name="tokens"/>.</summary>
    public static List<string> Chain(string json, params string[] tokens) => Read(json).DecodeChain([.. tokens]);

    /// <summary>The decoded text (the strings concatenated, as Hugging Face's <c>Decoder::decode</c>).</summary>
    public static string Decode(string json, params string[] tokens) => string.Concat(Chain(json, tokens));

    /// <summary>The decoder written back as tokenizer.json text.</summary>
    public static string Write(IDecoder decoder)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            decoder.WriteJson(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads, writes and reads again: the written form is <paramref name="expected"/> (Hugging Face's own) and decodes alike.</summary>
    public static void AssertRoundTrip(string json, string expected, params string[] tokens)
    {
        IDecoder decoder = Read(json);
        string written = Write(decoder);
        Assert.Equal(expected, written);
        Assert.Equal(decoder.DecodeChain([.. tokens]), Read(written).DecodeChain([.. tokens]));
    }

    /// <summary>The error reading <paramref name="json"/> raises; it names the JSON path and the problem.</summary>
    public static TokenizerFormatException ReadError(string json, string problem)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => Read(json));
        Assert.Contains("$.decoder", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal("test.json", error.FilePath);
        return error;
    }
}
