using System.Text;
using System.Text.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>Field readers that follow serde's rules where Hugging Face's loader is strict: required booleans, single characters, fields that may be absent but not null.</summary>
internal static class JsonFields
{
    /// <summary>A boolean field serde requires (no default): absent or null is an error, as in Hugging Face.</summary>
    public static bool RequiredBool(this JsonObject json, string name) =>
        json.Has(name) ? json.Bool(name, false) : throw json.Error($"missing field '{name}'");

    /// <summary>A field with a default when absent, which serde still rejects when it is null.</summary>
    public static void RejectNull(this JsonObject json, string name)
    {
        if (json.Element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Null)
            throw json.ErrorAt(name, "expected a value, found null");
    }

    /// <summary>A string field holding exactly one character (a Unicode scalar value, Rust's <c>char</c>).</summary>
    public static Rune Char(this JsonObject json, string name)
    {
        string text = json.String(name);
        return Rune.DecodeFromUtf16(text, out Rune rune, out int length) == System.Buffers.OperationStatus.Done && length == text.Length
            ? rune
            : throw json.ErrorAt(name, "expected a single character");
    }
}
