using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.Decoders;

/// <summary>
/// The decoder of CTC speech models (wav2vec2): repeated tokens collapse to one, the pad token disappears, and with
/// <c>cleanup</c> each token has <see cref="WordPieceDecoder.Cleanup"/> applied and the word delimiter (<c>|</c>)
/// becomes a space; empty tokens are dropped.
/// </summary>
internal sealed class CtcDecoder(string padToken, string wordDelimiterToken, bool cleanup) : IDecoder
{
    /// <summary>Reads <c>{"type": "CTC", "pad_token", "word_delimiter_token", "cleanup"}</c>: all three required.</summary>
    public static CtcDecoder FromJson(JsonObject json) =>
        new(json.String("pad_token"), json.String("word_delimiter_token"), json.RequiredBool("cleanup"));

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && tokens[i] == tokens[i - 1])
                continue;
            string token = DecoderText.Replace(tokens[i], padToken, "");
            if (cleanup)
                token = DecoderText.Replace(WordPieceDecoder.Cleanup(token), wordDelimiterToken, " ");
            if (token.Length > 0)
                result.Add(token);
        }
        return result;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "CTC");
        writer.WriteString("pad_token", padToken);
        writer.WriteString("word_delimiter_token", wordDelimiterToken);
        writer.WriteBoolean("cleanup", cleanup);
        writer.WriteEndObject();
    }
}
