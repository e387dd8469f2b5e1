using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>Writes a <see cref="TokenizerPipeline"/> as tokenizer.json, in Hugging Face's layout and field order.</summary>
internal static class TokenizerJsonWriter
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // token strings as they are, not \uXXXX (as serde_json writes them)
    };

    public static void Write(TokenizerPipeline pipeline, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, s_options);
        writer.WriteStartObject();
        writer.WriteString("version", "1.0");
        writer.WriteNull("truncation");
        writer.WriteNull("padding");
        writer.WriteStartArray("added_tokens");
        foreach ((AddedToken token, int id) in pipeline.AddedVocabulary.Tokens.OrderBy(t => t.Id))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("content", token.Content);
            writer.WriteBoolean("single_word", token.SingleWord);
            writer.WriteBoolean("lstrip", token.LStrip);
            writer.WriteBoolean("rstrip", token.RStrip);
            writer.WriteBoolean("normalized", token.IsNormalized);
            writer.WriteBoolean("special", token.Special);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteComponent(writer, "normalizer", pipeline.Normalizer is { } n ? n.WriteJson : null);
        WriteComponent(writer, "pre_tokenizer", pipeline.PreTokenizer is { } p ? p.WriteJson : null);
        WriteComponent(writer, "post_processor", pipeline.PostProcessor is { } pp ? pp.WriteJson : null);
        WriteComponent(writer, "decoder", pipeline.Decoder is { } d ? d.WriteJson : null);
        writer.WritePropertyName("model");
        pipeline.Model.WriteJson(writer);
        writer.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter writer, string name, Action<Utf8JsonWriter>? write)
    {
        writer.WritePropertyName(name);
        if (write is null) writer.WriteNullValue();
        else write(writer);
    }
}
