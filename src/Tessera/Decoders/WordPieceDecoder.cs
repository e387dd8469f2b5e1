using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.Decoders;

/// <summary>
/// BERT's WordPiece decoder: a token after the first loses its continuing-subword prefix (<c>##</c>) or, without one,
/// gets a space before it; with <c>cleanup</c> each token then has tokenization artefacts removed (<see cref="Cleanup"/>).
/// </summary>
internal sealed class WordPieceDecoder(string prefix, bool cleanup) : IDecoder
{
    /// <summary>Reads <c>{"type": "WordPiece", "prefix", "cleanup"}</c>: Hugging Face requires both fields.</summary>
    public static WordPieceDecoder FromJson(JsonObject json) => new(json.String("prefix"), json.RequiredBool("cleanup"));

    /// <summary>
    /// Hugging Face's <c>cleanup</c>: removes the space before <c>. ? ! ,</c> and English contractions, and turns
    /// <c>" do not"</c> into <c>" don't"</c>, in this order.
    /// </summary>
    public static string Cleanup(string text) => text
        .Replace(" .", ".", StringComparison.Ordinal)
        .Replace(" ?", "?", StringComparison.Ordinal)
        .Replace(" !", "!", StringComparison.Ordinal)
        .Replace(" ,", ",", StringComparison.Ordinal)
        .Replace(" ' ", "'", StringComparison.Ordinal)
        .Replace(" n't", "n't", StringComparison.Ordinal)
        .Replace(" 'm", "'m", StringComparison.Ordinal)
        .Replace(" do not", " don't", StringComparison.Ordinal)
        .Replace(" 's", "'s", StringComparison.Ordinal)
        .Replace(" 've", "'ve", StringComparison.Ordinal)
        .Replace(" 're", "'re", StringComparison.Ordinal);

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (i != 0)
                token = token.StartsWith(prefix, StringComparison.Ordinal) ? token[prefix.Length..] : " " + token;
            result.Add(cleanup ? Cleanup(token) : token);
        }
        return result;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "WordPiece");
        writer.WriteString("prefix", prefix);
        writer.WriteBoolean("cleanup", cleanup);
        writer.WriteEndObject();
    }
}
