using System.Text.Json;

namespace Tessera.Decoders;

/// <summary>
/// Turns token strings back into text (Hugging Face's <c>Decoder</c>): <see cref="DecodeChain"/> maps the list of
/// token strings to a list of strings, so decoders compose in a sequence; the final text is their concatenation.
/// </summary>
internal interface IDecoder
{
    /// <summary>The decoded strings of <paramref name="tokens"/>.</summary>
    List<string> DecodeChain(List<string> tokens);

    /// <summary>Writes the decoder as a tokenizer.json object (with its <c>"type"</c>).</summary>
    void WriteJson(Utf8JsonWriter writer);
}
