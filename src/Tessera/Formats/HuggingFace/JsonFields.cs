using System.Text;
using Tessera.Decoders;
using Tessera.Formats.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>Field readers for the Rust types tokenizer.json stores that <see cref="JsonObject"/> does not name: <c>usize</c>, <c>u32</c>, <c>char</c>.</summary>
internal static class JsonFields
{
    /// <summary>A required non-negative integer (Rust's <c>usize</c> or <c>u32</c>).</summary>
    public static int Count(this JsonObject json, string name)
    {
        JsonNode value = json.Required(name);
        return value.ValueKind == JsonKind.Number && value.TryGetInt32(out int n) && n >= 0
            ? n
            : throw json.ErrorAt(name, $"expected a non-negative integer, found {JsonObject.Describe(value)}");
    }

    /// <summary>An optional non-negative integer.</summary>
    public static int? OptionalCount(this JsonObject json, string name) => json.Has(name) ? json.Count(name) : null;

    /// <summary>A required boolean (no default: Hugging Face's loader rejects the file without it).</summary>
    public static bool RequiredBool(this JsonObject json, string name)
    {
        JsonNode value = json.Required(name);
        return value.ValueKind is JsonKind.True or JsonKind.False
            ? value.GetBoolean()
            : throw json.ErrorAt(name, $"expected true or false, found {JsonObject.Describe(value)}");
    }

    /// <summary>A field with a default when absent, which serde still rejects when it is null.</summary>
    public static void RejectNull(this JsonObject json, string name)
    {
        if (json.Element.TryGetProperty(name, out JsonNode value) && value.ValueKind == JsonKind.Null)
            throw json.ErrorAt(name, "expected a value, found null");
    }

    /// <summary>A required string of exactly one character (Rust's <c>char</c>).</summary>
    public static Rune Char(this JsonObject json, string name)
    {
        string text = json.String(name);
        return DecoderText.TryGetSingleChar(text, out Rune rune) ? rune : throw json.ErrorAt(name, "expected a single character");
    }

    /// <summary>Checks that <c>"type"</c>, when present, is <paramref name="type"/>.</summary>
    public static void ExpectType(this JsonObject json, string type)
    {
        if (json.Type is { } actual && actual != type)
            throw json.ErrorAt("type", $"expected \"{type}\"");
    }

    /// <summary>Checks that <c>"type"</c> is present and is <paramref name="type"/> (a component Hugging Face reads only when tagged).</summary>
    public static void RequireType(this JsonObject json, string type)
    {
        if (json.Type != type)
            throw json.Type is null ? json.Error($"missing field 'type' (\"{type}\")") : json.ErrorAt("type", $"expected \"{type}\"");
    }
}
