using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.Decoders;

/// <summary>
/// The original BPE's decoder: the end-of-word suffix (<c>&lt;/w&gt;</c>) becomes a space, or nothing in the last
/// token.
/// </summary>
internal sealed class BpeDecoder(string suffix) : IDecoder
{
    /// <summary>Reads <c>{"type": "BPEDecoder", "suffix"}</c>: Hugging Face requires the suffix.</summary>
    public static BpeDecoder FromJson(JsonObject json) => new(json.String("suffix"));

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
            result.Add(DecoderText.Replace(tokens[i], suffix, i == tokens.Count - 1 ? "" : " "));
        return result;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "BPEDecoder");
        writer.WriteString("suffix", suffix);
        writer.WriteEndObject();
    }
}
