using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.Decoders;

/// <summary>When the Metaspace pre-tokenizer puts its replacement character before a word (Hugging Face's <c>prepend_scheme</c>).</summary>
internal enum PrependScheme
{
    /// <summary>Before every piece of text.</summary>
    Always,

    /// <summary>Only before the first piece.</summary>
    First,

    /// <summary>Never.</summary>
    Never,
}

/// <summary>
/// SentencePiece's metaspace decoder: the replacement character (▁) becomes a space, except in the first token, where
/// every replacement character is dropped unless <c>prepend_scheme</c> is <c>never</c>.
/// </summary>
internal sealed class MetaspaceDecoder(Rune replacement, PrependScheme prependScheme, bool split) : IDecoder
{
    /// <summary>
    /// Reads <c>{"type": "Metaspace", "replacement", "prepend_scheme", "split"}</c>; the legacy <c>add_prefix_space</c>
    /// false is accepted only with <c>prepend_scheme</c> <c>never</c>, as Hugging Face's loader does.
    /// </summary>
    public static MetaspaceDecoder FromJson(JsonObject json)
    {
        Rune replacement = json.Char("replacement");
        PrependScheme scheme = ReadScheme(json);
        if (json.Has("add_prefix_space") && !json.Bool("add_prefix_space", true) && scheme != PrependScheme.Never)
            throw json.ErrorAt("add_prefix_space", "add_prefix_space does not match declared prepend_scheme");
        return new MetaspaceDecoder(replacement, scheme, json.Bool("split", true));
    }

    /// <summary>Reads <c>"prepend_scheme"</c> (default <c>always</c>).</summary>
    public static PrependScheme ReadScheme(JsonObject json) => json.OptionalString("prepend_scheme") switch
    {
        null or "always" => PrependScheme.Always,
        "first" => PrependScheme.First,
        "never" => PrependScheme.Never,
        _ => throw json.ErrorAt("prepend_scheme", "expected \"first\", \"never\" or \"always\""),
    };

    public static string SchemeName(PrependScheme scheme) => scheme switch
    {
        PrependScheme.First => "first",
        PrependScheme.Never => "never",
        _ => "always",
    };

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            bool dropReplacement = i == 0 && prependScheme != PrependScheme.Never;
            var text = new StringBuilder(tokens[i].Length);
            foreach (Rune rune in tokens[i].EnumerateRunes())
            {
                if (rune != replacement)
                    text.Append(rune.ToString());
                else if (!dropReplacement)
                    text.Append(' ');
            }
            result.Add(text.ToString());
        }
        return result;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Metaspace");
        writer.WriteString("replacement", replacement.ToString());
        writer.WriteString("prepend_scheme", SchemeName(prependScheme));
        writer.WriteBoolean("split", split);
        writer.WriteEndObject();
    }
}
