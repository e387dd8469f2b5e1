using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Formats.Json;

namespace Tessera.Models;

/// <summary>Token-to-id vocabularies as tokenizer.json holds them (<c>{"token": id, ...}</c>).</summary>
internal static class Vocabularies
{
    /// <summary>The vocabulary object field <paramref name="name"/> of <paramref name="json"/>, or <paramref name="json"/> itself when the name is null.</summary>
    public static Dictionary<string, int> Read(JsonObject json, string? name)
    {
        JsonNode value = name is null ? json.Element : json.Required(name);
        string where = name is null ? json.Path : $"{json.Path}.{name}";
        if (value.ValueKind != JsonKind.Object)
            throw new TokenizerFormatException(json.File, 0, "", $"{where}: expected an object of token: id, found {JsonObject.Describe(value)}");
        var vocabulary = new Dictionary<string, int>();
        foreach (JsonMember property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonKind.Number || !property.Value.TryGetInt32(out int id) || id < 0)
                throw new TokenizerFormatException(json.File, 0, TokenizerFormatException.Quote(property.Name), $"{where}: expected a non-negative integer id, found {property.Value.GetRawText()}");
            vocabulary[property.Name] = id;
        }
        return vocabulary;
    }

    /// <summary>Id to token (null where no token has the id).</summary>
    public static string?[] Invert(IReadOnlyDictionary<string, int> vocabulary)
    {
        int max = -1;
        foreach (int id in vocabulary.Values)
            max = Math.Max(max, id);
        var tokens = new string?[max + 1];
        foreach ((string token, int id) in vocabulary)
            tokens[id] = token;
        return tokens;
    }

    /// <summary>Writes the vocabulary in id order, as Hugging Face does.</summary>
    public static void Write(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, int> vocabulary)
    {
        writer.WriteStartObject(name);
        foreach ((string token, int id) in vocabulary.OrderBy(p => p.Value))
            writer.WriteNumber(token, id);
        writer.WriteEndObject();
    }
}
