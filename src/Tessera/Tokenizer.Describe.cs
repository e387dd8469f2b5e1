using System.Text.Json;

namespace Tessera;

public sealed partial class Tokenizer
{
    /// <summary>
    /// The pipeline as one line per stage: <c>normalizer</c>, <c>pre_tokenizer</c>, <c>model</c>,
    /// <c>post_processor</c>, <c>decoder</c>, each as its type with nested types in brackets, e.g.
    /// <c>Sequence[Split, ByteLevel]</c> (null when the stage is absent).
    /// </summary>
    public IReadOnlyList<(string Stage, string? Description)> DescribePipeline()
    {
        using var document = JsonDocument.Parse(ToJsonSkeleton());
        JsonElement root = document.RootElement;
        return [.. new[] { "normalizer", "pre_tokenizer", "model", "post_processor", "decoder" }
            .Select(stage => (stage, root.GetProperty(stage).ValueKind == JsonValueKind.Null ? null : Describe(root.GetProperty(stage))))];
    }

    /// <summary>The model's type as tokenizer.json names it (BPE, WordPiece, WordLevel, Unigram).</summary>
    public string ModelType => Pipeline.Model.Type;

    private string ToJsonSkeleton()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Stage(writer, "normalizer", Pipeline.Normalizer is { } n ? n.WriteJson : null);
            Stage(writer, "pre_tokenizer", Pipeline.PreTokenizer is { } p ? p.WriteJson : null);
            writer.WritePropertyName("model");
            writer.WriteStartObject();
            writer.WriteString("type", ModelType);
            writer.WriteEndObject();
            Stage(writer, "post_processor", Pipeline.PostProcessor is { } pp ? pp.WriteJson : null);
            Stage(writer, "decoder", Pipeline.Decoder is { } d ? d.WriteJson : null);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Stage(Utf8JsonWriter writer, string name, Action<Utf8JsonWriter>? write)
    {
        writer.WritePropertyName(name);
        if (write is null) writer.WriteNullValue();
        else write(writer);
    }

    private static string Describe(JsonElement component)
    {
        string type = component.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? "?" : "?";
        foreach (JsonProperty property in component.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out _)))
                return $"{type}[{string.Join(", ", property.Value.EnumerateArray().Select(Describe))}]";
        }
        return type;
    }
}
