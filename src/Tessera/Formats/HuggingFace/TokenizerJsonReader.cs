using System.Text.Json;
using Tessera.Formats.Json;
using Tessera.Models;
using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads a tokenizer.json into a <see cref="TokenizerPipeline"/>. A BPE model's vocabulary and merges, nearly all of
/// the file, are read straight from the bytes (<see cref="ScannedBpeReader"/>, else <see cref="BpeJsonReader"/>);
/// everything else through small JSON trees (<see cref="JsonTree"/>).
/// </summary>
internal static class TokenizerJsonReader
{
    public static TokenizerPipeline Read(ReadOnlySpan<byte> utf8, string file) => Read(utf8, file, ModelImageCache.Default);

    /// <summary>
    /// <see cref="Read(ReadOnlySpan{byte}, string)"/>, a large BPE model mapped from <paramref name="images"/> or kept
    /// there (<see cref="ModelImageCache"/>; null: neither).
    /// </summary>
    public static TokenizerPipeline Read(ReadOnlySpan<byte> utf8, string file, ModelImageCache? images) => Read(utf8, file, images, null);

    /// <summary>
    /// <see cref="Read(ReadOnlySpan{byte}, string, ModelImageCache?)"/> of bytes that <paramref name="owner"/> holds
    /// (a mapping), which the read disposes once nothing reads the bytes: before it returns or throws, or, after a
    /// load with a helper thread, on that thread once its work is done (unmapping Llama 3's 9 MB took 1.0-1.4 ms at
    /// the end of a first load, on the loading thread's path to its first encode).
    /// </summary>
    public static TokenizerPipeline ReadOwned(ReadOnlySpan<byte> utf8, string file, IDisposable owner) =>
        Read(utf8, file, ModelImageCache.Default, owner);

    private static TokenizerPipeline Read(ReadOnlySpan<byte> utf8, string file, ModelImageCache? images, IDisposable? owner)
    {
        bool handedOver = false;
        try
        {
            if (ScannedBpeReader.TryRead(utf8, file, images, owner, out handedOver) is { } scanned)
                return scanned;
            return ReadDocument(utf8, file);
        }
        catch (JsonException e)
        {
            throw Malformed(file, e, utf8, 0);
        }
        finally
        {
            if (!handedOver)
                owner?.Dispose();
        }
    }

    /// <summary>Reads the file with <see cref="Utf8JsonReader"/> (the path every file can take; <see cref="Read(ReadOnlySpan{byte}, string)"/> tries the scan first).</summary>
    internal static TokenizerPipeline ReadDocument(ReadOnlySpan<byte> utf8, string file)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new TokenizerFormatException(file, 1, "", "expected a JSON object (a tokenizer.json)");
        var parts = new Dictionary<string, JsonTree>(StringComparer.Ordinal);
        IModel? model = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            int start = (int)reader.TokenStartIndex;
            if (name == "model")
            {
                model = ModelReader.TryReadBpe(ref reader, utf8, file)
                    ?? ModelJson.Read(new JsonObject(Checked(utf8[start..(int)reader.BytesConsumed], file).Root, file, "$.model"));
            }
            else
            {
                reader.Skip();
                parts[name] = Checked(utf8[start..(int)reader.BytesConsumed], file);
            }
        }
        return Assemble(model ?? throw new TokenizerFormatException(file, 0, "", "$: missing field 'model'"), parts, file);
    }

    /// <summary>The tree of JSON that <see cref="Utf8JsonReader"/> has read without complaint.</summary>
    internal static JsonTree Checked(ReadOnlySpan<byte> json, string file) => JsonTree.TryParse(json) ?? throw Unreadable(file);

    private static TokenizerFormatException Unreadable(string file) =>
        new(file, 0, "", "JSON that System.Text.Json reads but Tessera's JSON tree does not (please report it)");

    /// <summary>The tree of a whole file of JSON; malformed JSON is reported with its line and position, as <see cref="Utf8JsonReader"/> finds it.</summary>
    internal static JsonTree ParseFile(ReadOnlySpan<byte> utf8, string file)
    {
        if (JsonTree.TryParse(utf8) is { } tree)
            return tree;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            reader.Read();
            reader.Skip();
            while (reader.Read()) { }
        }
        catch (JsonException e)
        {
            throw Malformed(file, e, utf8, 0);
        }
        throw Unreadable(file);
    }

    /// <summary>
    /// The pipeline of a model and the file's other top-level parts (by name), read into components; the added tokens
    /// are <paramref name="addedTokens"/> when the caller has read them already, and the components of the parts
    /// <paramref name="ahead"/> read are taken from it.
    /// </summary>
    public static TokenizerPipeline Assemble(IModel model, Dictionary<string, JsonTree> parts, string file, List<AddedToken>? addedTokens = null,
        PartsAhead? ahead = null)
    {
        T? Component<T>(string name, Func<JsonObject, T> read) where T : class
        {
            if (!parts.TryGetValue(name, out JsonTree? tree))
                return null;
            if (ahead is not null && ahead.TryTake(name, tree, out object? component))
                return (T?)component;
            return PartOf(tree, file, name) is { } json ? read(json) : null;
        }
        JsonObject? Part(string name) => parts.TryGetValue(name, out JsonTree? tree) ? PartOf(tree, file, name) : null;
        Normalizers.INormalizer? normalizer = Component("normalizer", NormalizerJson.Read);
        return new TokenizerPipeline
        {
            Model = model,
            Normalizer = normalizer,
            PreTokenizer = Component("pre_tokenizer", PreTokenizerJson.Read),
            PostProcessor = Component("post_processor", PostProcessorJson.Read),
            Decoder = Component("decoder", DecoderJson.Read),
            AddedVocabulary = ahead?.TakeAddedVocabulary(addedTokens, model, parts.GetValueOrDefault("normalizer"))
                ?? new AddedVocabulary(addedTokens ?? AddedTokens(parts, file), model, normalizer),
            Truncation = Part("truncation") is { } t ? SettingsJson.ReadTruncation(t) : null,
            Padding = Part("padding") is { } pad ? SettingsJson.ReadPadding(pad) : null,
        };
    }

    /// <summary>Top-level part <paramref name="name"/> as an object to read, or null when it is JSON null.</summary>
    internal static JsonObject? PartOf(JsonTree tree, string file, string name) =>
        tree.Root.ValueKind != JsonKind.Null ? new JsonObject(tree.Root, file, "$." + name) : null;

    private static List<AddedToken> AddedTokens(Dictionary<string, JsonTree> parts, string file)
    {
        if (!parts.TryGetValue("added_tokens", out JsonTree? tree) || tree.Root.ValueKind == JsonKind.Null)
            return [];
        if (tree.Root.ValueKind != JsonKind.Array)
            throw new TokenizerFormatException(file, 0, "", $"$.added_tokens: expected an array, found {JsonObject.Describe(tree.Root)}");
        var tokens = new List<AddedToken>();
        foreach (JsonItem item in new JsonItems(tree.Root, "$.added_tokens"))
            tokens.Add(ReadAddedToken(new JsonObject(item.Element, file, item.Path)));
        return tokens;
    }

    private static AddedToken ReadAddedToken(JsonObject json)
    {
        bool special = json.Bool("special", false);
        return new AddedToken(json.String("content"), special, json.Bool("single_word", false), json.Bool("lstrip", false),
            json.Bool("rstrip", false), json.Has("normalized") ? json.Bool("normalized", !special) : null);
    }

    /// <summary>
    /// A JSON syntax error as a format error naming the line and the byte in it. <paramref name="startOfSlice"/> is where
    /// the reader that failed started in <paramref name="utf8"/> (its line numbers count from there).
    /// </summary>
    public static TokenizerFormatException Malformed(string file, JsonException e, ReadOnlySpan<byte> utf8, int startOfSlice)
    {
        int linesBefore = utf8[..startOfSlice].Count((byte)'\n');
        int column = startOfSlice - (utf8[..startOfSlice].LastIndexOf((byte)'\n') + 1);
        long lineInSlice = e.LineNumber ?? 0;
        long position = (e.BytePositionInLine ?? 0) + (lineInSlice == 0 ? column : 0) + 1;
        string message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return new TokenizerFormatException(file, (int)(linesBefore + lineInSlice + 1), "", $"malformed JSON at byte {position} of the line ({message.TrimEnd('.', ' ')})", e);
    }
}
