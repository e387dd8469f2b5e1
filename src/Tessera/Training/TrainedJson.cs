using System.Text.Json;

namespace Tessera.Training;

/// <summary>What every trained tokenizer.json starts and ends with, and its vocabulary object.</summary>
internal static class TrainedJson
{
    /// <summary>
    /// Writes a tokenizer.json into a string: its version, no truncation or padding, the special tokens as special added
    /// tokens (not normalized) with their ids, then what <paramref name="body"/> writes (the pipeline and the model).
    /// </summary>
    public static string Write(IEnumerable<(string Token, int Id)> specialTokens, Action<Utf8JsonWriter> body) =>
        Write(specialTokens.Select(t => (t.Token, t.Id, true)), body);

    /// <summary>As <see cref="Write(IEnumerable{ValueTuple{string, int}}, Action{Utf8JsonWriter})"/>, each added token special or not.</summary>
    public static string Write(IEnumerable<(string Token, int Id, bool Special)> addedTokens, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            json.WriteStartArray("added_tokens");
            foreach ((string token, int id, bool special) in addedTokens)
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("content", token);
                json.WriteBoolean("single_word", false);
                json.WriteBoolean("lstrip", false);
                json.WriteBoolean("rstrip", false);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", special);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            body(json);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The model's <c>"vocab"</c> object, by id.</summary>
    public static void WriteVocabulary(Utf8JsonWriter json, IEnumerable<(string Token, int Id)> vocabulary)
    {
        json.WriteStartObject("vocab");
        foreach ((string token, int id) in vocabulary.OrderBy(t => t.Id))
            json.WriteNumber(token, id);
        json.WriteEndObject();
    }

    /// <summary>A Metaspace pre-tokenizer or decoder as <paramref name="property"/> (null: an array element): "▁" for spaces and in front (prepend always), split before each.</summary>
    public static void WriteMetaspace(Utf8JsonWriter json, string? property)
    {
        if (property is null)
            json.WriteStartObject();
        else
            json.WriteStartObject(property);
        json.WriteString("type", "Metaspace");
        json.WriteString("replacement", "\u2581");
        json.WriteString("prepend_scheme", "always");
        json.WriteBoolean("split", true);
        json.WriteEndObject();
    }

    /// <summary>
    /// The decoder of a Metaspace pipeline: Metaspace, or with <paramref name="byteFallback"/> (as Llama's) "▁" to
    /// spaces, byte pieces to their bytes, the pieces joined, the first space dropped; a continuing-subword
    /// <paramref name="prefix"/> taken off the start of a token and an end-of-word <paramref name="suffix"/> off its end
    /// first.
    /// </summary>
    public static void WriteMetaspaceDecoder(Utf8JsonWriter json, bool byteFallback, string? prefix = null, string? suffix = null)
    {
        bool affixes = !string.IsNullOrEmpty(prefix) || !string.IsNullOrEmpty(suffix);
        if (!byteFallback && !affixes)
        {
            WriteMetaspace(json, "decoder");
            return;
        }
        json.WriteStartObject("decoder");
        json.WriteString("type", "Sequence");
        json.WriteStartArray("decoders");
        if (!string.IsNullOrEmpty(prefix))
            WriteReplace(json, "Regex", "^" + EscapeRegex(prefix), "");
        if (!string.IsNullOrEmpty(suffix))
            WriteReplace(json, "Regex", EscapeRegex(suffix) + "$", "");
        if (!byteFallback)
        {
            WriteMetaspace(json, null);
        }
        else
        {
            WriteReplace(json, "String", "\u2581", " ");
            json.WriteStartObject();
            json.WriteString("type", "ByteFallback");
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "Fuse");
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "Strip");
            json.WriteString("content", " ");
            json.WriteNumber("start", 1);
            json.WriteNumber("stop", 0);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A Replace normalizer or decoder of a <paramref name="kind"/> ("String" or "Regex") pattern, as an array element.</summary>
    public static void WriteReplace(Utf8JsonWriter json, string kind, string pattern, string content)
    {
        json.WriteStartObject();
        json.WriteString("type", "Replace");
        json.WriteStartObject("pattern");
        json.WriteString(kind, pattern);
        json.WriteEndObject();
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    /// <summary><paramref name="text"/> as a regex that matches it literally (the metacharacters of Oniguruma and .NET escaped).</summary>
    private static string EscapeRegex(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length * 2);
        foreach (char c in text)
        {
            if ("\\.+*?()|[]{}^$".Contains(c))
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
