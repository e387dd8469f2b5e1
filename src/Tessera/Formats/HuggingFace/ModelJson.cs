using Tessera.Formats.Json;
using Tessera.Models;
using Tessera.Models.Bpe;
using Tessera.Models.Unigram;
using Tessera.Models.WordLevel;
using Tessera.Models.WordPiece;

namespace Tessera.Formats.HuggingFace;

/// <summary>Reads tokenizer.json's <c>"model"</c> object by its <c>"type"</c> (or, untagged, by its fields).</summary>
internal static class ModelJson
{
    private static readonly Dictionary<string, Func<JsonObject, IModel>> s_readers = new()
    {
        ["BPE"] = BpeModel.FromJson,
        ["WordPiece"] = WordPieceModel.FromJson,
        ["WordLevel"] = WordLevelModel.FromJson,
        ["Unigram"] = UnigramModel.FromJson,
    };

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Keys.Order();

    public static IModel Read(JsonObject json)
    {
        string? type = json.Type ?? UntaggedType(json);
        return type is not null && s_readers.TryGetValue(type, out var read) ? read(json) : throw json.Unsupported("model", json.Type, Types);
    }

    /// <summary>Legacy files omit the type; Hugging Face tells the models apart by their fields.</summary>
    private static string? UntaggedType(JsonObject json) =>
        json.Has("merges") ? "BPE"
        : json.Has("max_input_chars_per_word") ? "WordPiece"
        : json.Optional("vocab") is { ValueKind: JsonKind.Array } ? "Unigram"
        : json.Has("vocab") ? "WordLevel"
        : null;
}
