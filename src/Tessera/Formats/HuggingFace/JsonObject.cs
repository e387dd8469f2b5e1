using System.Text.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// One JSON object of a tokenizer.json with where it is (file and JSON path), so a missing or mistyped field is
/// reported as <c>FILE: model.merges[3]: expected ...</c>.
/// </summary>
internal readonly struct JsonObject
{
    public JsonObject(JsonElement element, string file, string path)
    {
        Element = element;
        File = file;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
            throw Error($"expected an object, found {Describe(element)}");
    }

    public JsonElement Element { get; }
    public string File { get; }
    public string Path { get; }

    /// <summary>The component's <c>"type"</c>, or null for a legacy untagged form.</summary>
    public string? Type => OptionalString("type");

    public bool Has(string name) => Element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Optional(string name) =>
        Element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement Required(string name) => Optional(name) ?? throw Error($"missing field '{name}'");

    public string String(string name) => OptionalString(name) ?? throw Error($"missing field '{name}'");

    public string? OptionalString(string name) => Optional(name) is { } value
        ? value.ValueKind == JsonValueKind.String ? TextOf(value, $"{Path}.{name}") : throw ErrorAt(name, $"expected a string, found {Describe(value)}")
        : null;

    /// <summary>
    /// The text of a JSON string, refused when an escape in it is half of a surrogate pair (<c>"\ud800"</c>): such a
    /// string is not text, and Hugging Face's reader refuses it too.
    /// </summary>
    private string TextOf(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new TokenizerFormatException(File, 0, Quote(value), $"{path}: a \\u escape is half of a surrogate pair (a lone surrogate), which is not text");
        }
    }

    public bool Bool(string name, bool fallback) => Optional(name) is { } value
        ? value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw ErrorAt(name, $"expected true or false, found {Describe(value)}")
        : fallback;

    /// <summary>A boolean that must be present and not null.</summary>
    public bool Bool(string name) => OptionalBool(name)
        ?? throw (Element.TryGetProperty(name, out _) ? ErrorAt(name, "expected true or false, found null") : Error($"missing field '{name}'"));

    /// <summary>A boolean, or null when the field is absent or null.</summary>
    public bool? OptionalBool(string name) => Optional(name) is { } value
        ? value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw ErrorAt(name, $"expected true or false, found {Describe(value)}")
        : null;

    public int Int(string name) => OptionalInt(name) ?? throw Error($"missing field '{name}'");

    public int? OptionalInt(string name) => Optional(name) is { } value
        ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : throw ErrorAt(name, $"expected an integer, found {Describe(value)}")
        : null;

    public double? OptionalDouble(string name) => Optional(name) is { } value
        ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw ErrorAt(name, $"expected a number, found {Describe(value)}")
        : null;

    public JsonObject Object(string name) => new(Required(name), File, $"{Path}.{name}");

    public JsonObject? OptionalObject(string name) => Optional(name) is { } value ? new JsonObject(value, File, $"{Path}.{name}") : null;

    /// <summary>The elements of array field <paramref name="name"/> with their paths.</summary>
    public IEnumerable<(JsonElement Element, string Path)> Array(string name)
    {
        JsonElement value = Required(name);
        if (value.ValueKind != JsonValueKind.Array)
            throw ErrorAt(name, $"expected an array, found {Describe(value)}");
        return Items(value, $"{Path}.{name}");
    }

    private static IEnumerable<(JsonElement, string)> Items(JsonElement array, string path)
    {
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
            yield return (item, $"{path}[{i++}]");
    }

    /// <summary>The elements of array field <paramref name="name"/>, each an object read by <paramref name="read"/>.</summary>
    /// <remarks>
    /// A loop, not LINQ nor a list of <see cref="JsonObject"/>: generic code over value types is compiled at first use,
    /// not ahead of time (ReadyToRun), and cost milliseconds of a first load.
    /// </remarks>
    public List<T> Objects<T>(string name, Func<JsonObject, T> read)
    {
        var objects = new List<T>();
        foreach ((JsonElement item, string path) in Array(name))
            objects.Add(read(new JsonObject(item, File, path)));
        return objects;
    }

    /// <summary>The strings of array field <paramref name="name"/>.</summary>
    public List<string> Strings(string name)
    {
        var result = new List<string>();
        foreach ((JsonElement item, string path) in Array(name))
            result.Add(item.ValueKind == JsonValueKind.String ? TextOf(item, path) : throw new TokenizerFormatException(File, 0, Quote(item), $"{path}: expected a string"));
        return result;
    }

    public TokenizerFormatException Error(string problem) => new(File, 0, "", $"{Path}: {problem}");

    public TokenizerFormatException ErrorAt(string name, string problem) =>
        new(File, 0, Optional(name) is { } value ? Quote(value) : "", $"{Path}.{name}: {problem}");

    /// <summary>An unknown <c>"type"</c>: lists the supported ones.</summary>
    public NotSupportedException Unsupported(string what, string? type, IEnumerable<string> supported) =>
        new($"{File}: {Path}: unsupported {what} type '{type ?? "(untagged)"}'; supported: {string.Join(", ", supported)}");

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    public static string Quote(JsonElement value) => TokenizerFormatException.Quote(value.GetRawText());
}
