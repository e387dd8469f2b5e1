using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.Decoders;

/// <summary>
/// Removes up to <c>start</c> copies of a character from the beginning of each token and up to <c>stop</c> from its
/// end (Llama's decoder strips the space its normalizer put before the text).
/// </summary>
/// <remarks>
/// The end is never cut before what the start kept. Hugging Face tokenizers 0.23 panics (aborting the process) when
/// <c>stop</c> would reach past that point; its main branch stops there as this class does.
/// </remarks>
internal sealed class StripDecoder(Rune content, int start, int stop) : IDecoder
{
    /// <summary>Reads <c>{"type": "Strip", "content", "start", "stop"}</c>: all three required, content one character.</summary>
    public static StripDecoder FromJson(JsonObject json) => new(json.Char("content"), json.Count("start"), json.Count("stop"));

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        foreach (string token in tokens)
        {
            List<Rune> chars = DecoderText.Chars(token);
            int startCut = 0;
            for (int i = 0; i < Math.Min(start, chars.Count) && chars[i] == content; i++)
                startCut = i + 1;
            int stopCut = chars.Count;
            for (int i = 0; i < Math.Min(stop, chars.Count - startCut) && chars[chars.Count - 1 - i] == content; i++)
                stopCut = chars.Count - 1 - i;
            result.Add(startCut == 0 && stopCut == chars.Count ? token : DecoderText.Join(chars, startCut, stopCut));
        }
        return result;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Strip");
        writer.WriteString("content", content.ToString());
        writer.WriteNumber("start", start);
        writer.WriteNumber("stop", stop);
        writer.WriteEndObject();
    }
}
