using System.Text.Json;
using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>tokenizer.json's pattern object: <c>{"String": "..."}</c> or <c>{"Regex": "..."}</c>.</summary>
internal static class PatternJson
{
    /// <summary>The pattern and its source form (to write back).</summary>
    public static (Pattern Pattern, PatternSource Source) Read(JsonObject parent, string name)
    {
        JsonObject json = parent.Object(name);
        if (json.OptionalString("String") is { } literal)
            return (Pattern.Literal(literal), new PatternSource(literal, IsRegex: false));
        if (json.OptionalString("Regex") is { } regex)
        {
            try
            {
                return (Pattern.Regex(regex), new PatternSource(regex, IsRegex: true));
            }
            catch (ArgumentException e)
            {
                throw new TokenizerFormatException(json.File, 0, TokenizerFormatException.Quote(regex), $"{json.Path}.Regex: invalid regular expression ({e.Message})", e);
            }
        }
        throw json.Error("expected {\"String\": ...} or {\"Regex\": ...}");
    }

    public static void Write(Utf8JsonWriter writer, string name, PatternSource source)
    {
        writer.WriteStartObject(name);
        writer.WriteString(source.IsRegex ? "Regex" : "String", source.Text);
        writer.WriteEndObject();
    }
}

/// <summary>A pattern as tokenizer.json spells it.</summary>
internal readonly record struct PatternSource(string Text, bool IsRegex)
{
    public Pattern Compile() => IsRegex ? Pattern.Regex(Text) : Pattern.Literal(Text);
}
