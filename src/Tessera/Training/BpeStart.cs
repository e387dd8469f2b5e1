using System.Text.Json;

namespace Tessera.Training;

/// <summary>
/// What BPE training continues from (<see cref="BpeTrainer.Resume"/>): an existing vocabulary, by id, and its merges,
/// by rank. The ids stay; new tokens get the ids after them.
/// </summary>
public sealed record BpeStart(IReadOnlyList<string> Vocabulary, IReadOnlyList<(string Left, string Right)> Merges)
{
    /// <summary>The special tokens, which hold the first ids (as <see cref="BpeTrainer"/> puts them).</summary>
    public IReadOnlyList<string> SpecialTokens { get; init; } = [];

    /// <summary>
    /// The BPE model of a tokenizer.json: its vocabulary (ids 0 to n - 1, each once) and merges (as <c>"a b"</c> strings
    /// or <c>["a", "b"]</c> pairs).
    /// </summary>
    /// <remarks>Its special added tokens must hold the first ids, in order, as a trained tokenizer's do.</remarks>
    /// <exception cref="TokenizerFormatException">The file has no BPE model, its vocabulary leaves an id out, or its special tokens are not the first ids (the file is named).</exception>
    public static BpeStart FromTokenizerJson(string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            return FromDocument(document, path);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException and not TokenizerFormatException)
        {
            throw new TokenizerFormatException(path, 0, "", $"expected a tokenizer.json with a BPE model (vocab and merges) to continue from: {e.Message}", e);
        }
    }

    private static BpeStart FromDocument(JsonDocument document, string path)
    {
        if (!document.RootElement.TryGetProperty("model", out JsonElement model) || !model.TryGetProperty("type", out JsonElement type)
            || type.GetString() != "BPE" || !model.TryGetProperty("vocab", out JsonElement vocab) || !model.TryGetProperty("merges", out JsonElement merges))
            throw new TokenizerFormatException(path, 0, "", "expected a tokenizer.json with a BPE model (vocab and merges) to continue from");
        var tokens = new string?[vocab.EnumerateObject().Count()];
        foreach (JsonProperty token in vocab.EnumerateObject())
        {
            int id = token.Value.GetInt32();
            if (id < 0 || id >= tokens.Length || tokens[id] is not null)
                throw new TokenizerFormatException(path, 0, token.Name, "expected the vocabulary's ids to be 0 to its size less one, each once");
            tokens[id] = token.Name;
        }
        var pairs = new List<(string, string)>();
        foreach (JsonElement merge in merges.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.Array)
            {
                pairs.Add((merge[0].GetString()!, merge[1].GetString()!));
                continue;
            }
            string text = merge.GetString()!;
            int space = text.IndexOf(' ', 1);
            if (space < 0)
                throw new TokenizerFormatException(path, 0, text, "expected a merge as two tokens separated by a space");
            pairs.Add((text[..space], text[(space + 1)..]));
        }
        var specials = new List<string>();
        if (document.RootElement.TryGetProperty("added_tokens", out JsonElement added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement token in added.EnumerateArray())
            {
                if (!token.TryGetProperty("special", out JsonElement special) || !special.GetBoolean())
                    continue;
                string content = token.GetProperty("content").GetString()!;
                if (token.GetProperty("id").GetInt32() != specials.Count)
                    throw new TokenizerFormatException(path, 0, content, "expected the special tokens to hold the first ids, in order, to continue training from it");
                specials.Add(content);
            }
        }
        return new BpeStart(tokens!, pairs) { SpecialTokens = specials };
    }
}
