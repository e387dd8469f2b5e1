using Tessera.Formats.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// One JSON object of a tokenizer.json with where it is (file and JSON path), so a missing or mistyped field is
/// reported as <c>FILE: model.merges[3]: expected ...</c>.
/// </summary>
internal readonly struct JsonObject
{
    public JsonObject(JsonNode element, string file, string path)
    {
        Element = element;
        File = file;
        Path = path;
        if (element.ValueKind != JsonKind.Object)
            throw Error($"expected an object, found {Describe(element)}");
    }

    public JsonNode Element { get; }
    public string File { get; }
    public string Path { get; }

    /// <summary>The component's <c>"type"</c>, or null for a legacy untagged form.</summary>
    public string? Type => OptionalString("type");

    public bool Has(string name) => Element.TryGetProperty(name, out JsonNode value) && value.ValueKind != JsonKind.Null;

    public JsonNode? Optional(string name) =>
        Element.TryGetProperty(name, out JsonNode value) && value.ValueKind != JsonKind.Null ? value : null;

    public JsonNode Required(string name) => Optional(name) ?? throw Error($"missing field '{name}'");

    public string String(string name) => OptionalString(name) ?? throw Error($"missing field '{name}'");

    public string? OptionalString(string name) => Optional(name) is { } value
        ? value.ValueKind == JsonKind.String ? TextOf(value, $"{Path}.{name}") : throw ErrorAt(name, $"expected a string, found {Describe(value)}")
        : null;

    /// <summary>
    /// The text of a JSON string, refused when an escape in it is half of a surrogate pair (<c>"\ud800"</c>) or its
    /// bytes are not UTF-8: such a string is not text, and Hugging Face's reader refuses it too.
    /// </summary>
    private string TextOf(JsonNode value, string path)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw new TokenizerFormatException(File, 0, Quote(value), $"{path}: {e.Message}");
        }
    }

    public bool Bool(string name, bool fallback) => Optional(name) is { } value
        ? value.ValueKind is JsonKind.True or JsonKind.False ? value.GetBoolean() : throw ErrorAt(name, $"expected true or false, found {Describe(value)}")
        : fallback;

    /// <summary>A boolean that must be present and not null.</summary>
    public bool Bool(string name) => OptionalBool(name)
        ?? throw (Element.TryGetProperty(name, out _) ? ErrorAt(name, "expected true or false, found null") : Error($"missing field '{name}'"));

    /// <summary>A boolean, or null when the field is absent or null.</summary>
    public bool? OptionalBool(string name) => Optional(name) is { } value
        ? value.ValueKind is JsonKind.True or JsonKind.False ? value.GetBoolean() : throw ErrorAt(name, $"expected true or false, found {Describe(value)}")
        : null;

    public int Int(string name) => OptionalInt(name) ?? throw Error($"missing field '{name}'");

    public int? OptionalInt(string name) => Optional(name) is { } value
        ? value.ValueKind == JsonKind.Number && value.TryGetInt32(out int n) ? n : throw ErrorAt(name, $"expected an integer, found {Describe(value)}")
        : null;

    public double? OptionalDouble(string name) => Optional(name) is { } value
        ? value.ValueKind == JsonKind.Number ? value.GetDouble() : throw ErrorAt(name, $"expected a number, found {Describe(value)}")
        : null;

    public JsonObject Object(string name) => new(Required(name), File, $"{Path}.{name}");

    public JsonObject? OptionalObject(string name) => Optional(name) is { } value ? new JsonObject(value, File, $"{Path}.{name}") : null;

    /// <summary>The elements of array field <paramref name="name"/> with their paths.</summary>
    public JsonItems Array(string name)
    {
        JsonNode value = Required(name);
        if (value.ValueKind != JsonKind.Array)
            throw ErrorAt(name, $"expected an array, found {Describe(value)}");
        return new JsonItems(value, $"{Path}.{name}");
    }

    /// <summary>The elements of array field <paramref name="name"/>, each an object read by <paramref name="read"/>.</summary>
    /// <remarks>
    /// A loop, not LINQ nor a list of <see cref="JsonObject"/>: generic code over value types is compiled at first use,
    /// not ahead of time (ReadyToRun), and cost milliseconds of a first load.
    /// </remarks>
    public List<T> Objects<T>(string name, Func<JsonObject, T> read)
    {
        var objects = new List<T>();
        foreach (JsonItem entry in Array(name))
            objects.Add(read(new JsonObject(entry.Element, File, entry.Path)));
        return objects;
    }

    /// <summary>The strings of array field <paramref name="name"/>.</summary>
    public List<string> Strings(string name)
    {
        var result = new List<string>();
        foreach (JsonItem entry in Array(name))
            result.Add(entry.Element.ValueKind == JsonKind.String ? TextOf(entry.Element, entry.Path) : throw new TokenizerFormatException(File, 0, Quote(entry.Element), $"{entry.Path}: expected a string"));
        return result;
    }

    public TokenizerFormatException Error(string problem) => new(File, 0, "", $"{Path}: {problem}");

    public TokenizerFormatException ErrorAt(string name, string problem) =>
        new(File, 0, Optional(name) is { } value ? Quote(value) : "", $"{Path}.{name}: {problem}");

    /// <summary>An unknown <c>"type"</c>: lists the supported ones.</summary>
    public NotSupportedException Unsupported(string what, string? type, IEnumerable<string> supported) =>
        new($"{File}: {Path}: unsupported {what} type '{type ?? "(untagged)"}'; supported: {string.Join(", ", supported)}");

    public static string Describe(JsonNode value) => value.ValueKind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };

    public static string Quote(JsonNode value) => TokenizerFormatException.Quote(value.GetRawText());
}
