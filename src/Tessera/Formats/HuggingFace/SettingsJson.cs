using System.Text.Json;
using Tessera.Formats.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>tokenizer.json's <c>"truncation"</c> and <c>"padding"</c> objects.</summary>
internal static class SettingsJson
{
    /// <summary>
    /// Reads <c>{"direction": "Left"|"Right", "max_length", "strategy": "LongestFirst"|"OnlyFirst"|"OnlySecond",
    /// "stride"}</c>: all required but the direction (default right), as Hugging Face reads them.
    /// </summary>
    public static TruncationSettings ReadTruncation(JsonObject json)
    {
        int maxLength = json.Count("max_length");
        TruncationStrategy strategy = json.String("strategy") switch
        {
            "LongestFirst" => TruncationStrategy.LongestFirst,
            "OnlyFirst" => TruncationStrategy.OnlyFirst,
            "OnlySecond" => TruncationStrategy.OnlySecond,
            _ => throw json.ErrorAt("strategy", "expected \"LongestFirst\", \"OnlyFirst\" or \"OnlySecond\""),
        };
        int stride = json.Count("stride");
        TruncationDirection direction = json.OptionalString("direction") switch
        {
            null or "Right" => TruncationDirection.Right,
            "Left" => TruncationDirection.Left,
            _ => throw json.ErrorAt("direction", "expected \"Left\" or \"Right\""),
        };
        return new TruncationSettings(maxLength, stride, strategy, direction);
    }

    /// <summary>
    /// Reads <c>{"strategy": "BatchLongest"|{"Fixed": n}, "direction", "pad_to_multiple_of", "pad_id", "pad_type_id",
    /// "pad_token"}</c>: all required but <c>pad_to_multiple_of</c>, as Hugging Face reads them.
    /// </summary>
    public static PaddingSettings ReadPadding(JsonObject json)
    {
        JsonNode strategy = json.Required("strategy");
        int? length;
        if (strategy.ValueKind == JsonKind.String && strategy.GetString() == "BatchLongest")
            length = null;
        else if (strategy.ValueKind == JsonKind.Object)
            length = new JsonObject(strategy, json.File, $"{json.Path}.strategy").Count("Fixed");
        else
            throw json.ErrorAt("strategy", "expected \"BatchLongest\" or {\"Fixed\": length}");
        return new PaddingSettings
        {
            Length = length,
            Direction = ReadDirection(json, "direction"),
            PadToMultipleOf = json.OptionalCount("pad_to_multiple_of"),
            PadId = json.Count("pad_id"),
            PadTypeId = json.Count("pad_type_id"),
            PadToken = json.String("pad_token"),
        };
    }

    private static PaddingDirection ReadDirection(JsonObject json, string name) => json.String(name) switch
    {
        "Left" => PaddingDirection.Left,
        "Right" => PaddingDirection.Right,
        _ => throw json.ErrorAt(name, "expected \"Left\" or \"Right\""),
    };

    /// <summary>Writes <c>"truncation"</c> as Hugging Face writes it (null when none).</summary>
    public static void WriteTruncation(Utf8JsonWriter writer, TruncationSettings? truncation)
    {
        if (truncation is null)
        {
            writer.WriteNull("truncation");
            return;
        }
        writer.WriteStartObject("truncation");
        writer.WriteString("direction", truncation.Direction.ToString());
        writer.WriteNumber("max_length", truncation.MaxLength);
        writer.WriteString("strategy", truncation.Strategy.ToString());
        writer.WriteNumber("stride", truncation.Stride);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"padding"</c> as Hugging Face writes it (null when none).</summary>
    public static void WritePadding(Utf8JsonWriter writer, PaddingSettings? padding)
    {
        if (padding is null)
        {
            writer.WriteNull("padding");
            return;
        }
        writer.WriteStartObject("padding");
        if (padding.Length is int length)
        {
            writer.WriteStartObject("strategy");
            writer.WriteNumber("Fixed", length);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("strategy", "BatchLongest");
        }
        writer.WriteString("direction", padding.Direction.ToString());
        if (padding.PadToMultipleOf is int multiple)
            writer.WriteNumber("pad_to_multiple_of", multiple);
        else
            writer.WriteNull("pad_to_multiple_of");
        writer.WriteNumber("pad_id", padding.PadId);
        writer.WriteNumber("pad_type_id", padding.PadTypeId);
        writer.WriteString("pad_token", padding.PadToken);
        writer.WriteEndObject();
    }
}
