using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.Models.Bpe;

/// <summary>
/// Hugging Face's BPE model: each character of a piece is a symbol (with <c>continuing_subword_prefix</c> on all but
/// the first and <c>end_of_word_suffix</c> on the last), unknown characters become byte tokens (<c>byte_fallback</c>)
/// or the unknown token (fused when <c>fuse_unk</c>); then symbols merge by the merges list's ranks
/// (<see cref="BpeWord"/>). With <c>ignore_merges</c> a piece found whole in the vocabulary is one token.
/// </summary>
internal sealed class BpeModel : IModel
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly string?[] _tokens;
    private readonly Dictionary<long, (int Rank, int NewId)> _merges;
    private readonly int _unkId = -1;

    public BpeModel(Dictionary<string, int> vocabulary, List<(string Left, string Right)> merges, BpeOptions options)
    {
        _vocabulary = vocabulary;
        Options = options;
        MergeList = merges;
        _tokens = Vocabularies.Invert(vocabulary);
        if (options.UnkToken is { } unk && vocabulary.TryGetValue(unk, out int unkId))
            _unkId = unkId;

        _merges = new Dictionary<long, (int, int)>(merges.Count);
        int prefixLength = options.ContinuingSubwordPrefix?.Length ?? 0;
        for (int rank = 0; rank < merges.Count; rank++)
        {
            (string left, string right) = merges[rank];
            int leftId = IdOrThrow(left, rank), rightId = IdOrThrow(right, rank);
            string merged = left + (prefixLength > 0 && right.Length >= prefixLength ? right[prefixLength..] : right);
            if (!vocabulary.TryGetValue(merged, out int newId))
                throw new BpeMergeException(rank, left, right, $"the merged token '{merged}' is not in the vocabulary");
            _merges[BpeWord.Key(leftId, rightId)] = (rank, newId);
        }

        int IdOrThrow(string token, int rank) => vocabulary.TryGetValue(token, out int id)
            ? id
            : throw new BpeMergeException(rank, merges[rank].Left, merges[rank].Right, $"'{token}' is not in the vocabulary");
    }

    public BpeOptions Options { get; }

    /// <summary>The merges by id pair (left &lt;&lt; 32 | right): rank and new id.</summary>
    public IReadOnlyDictionary<long, (int Rank, int NewId)> MergeTable => _merges;

    /// <summary>The merges in rank order.</summary>
    public List<(string Left, string Right)> MergeList { get; }

    public int VocabularySize => _vocabulary.Count;

    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    public int? TokenToId(string token) => _vocabulary.TryGetValue(token, out int id) ? id : null;

    public string? IdToToken(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id] : null;

    public void Tokenize(ReadOnlySpan<byte> piece, List<Token> output)
    {
        if (piece.IsEmpty)
            return;
        string word = Encoding.UTF8.GetString(piece);
        if (Options.IgnoreMerges && _vocabulary.TryGetValue(word, out int whole))
        {
            output.Add(new Token(whole, 0, piece.Length));
            return;
        }
        BpeWord symbols = Symbols(word);
        symbols.MergeAll(_merges, Options.Dropout is > 0 and var p ? p : 0f);
        symbols.AppendTokens(output);
    }

    private BpeWord Symbols(string word)
    {
        var symbols = new BpeWord();
        string? prefix = Options.ContinuingSubwordPrefix, suffix = Options.EndOfWordSuffix;
        int pendingUnkLength = 0;
        bool pendingUnk = false;
        Span<byte> encoded = stackalloc byte[4];
        int index = 0;
        foreach (Rune rune in word.EnumerateRunes())
        {
            bool first = index == 0;
            index += rune.Utf16SequenceLength;
            bool last = index == word.Length;
            int byteLength = rune.Utf8SequenceLength;
            string s = rune.ToString();
            if (!first && !string.IsNullOrEmpty(prefix)) s = prefix + s;
            if (last && !string.IsNullOrEmpty(suffix)) s += suffix;

            if (_vocabulary.TryGetValue(s, out int id))
            {
                if (pendingUnk)
                {
                    symbols.Add(_unkId, pendingUnkLength);
                    pendingUnk = false;
                }
                symbols.Add(id, byteLength);
                continue;
            }
            if (Options.ByteFallback && TryAddBytes(symbols, s))
                continue; // a pending unknown token waits, as in Hugging Face
            if (Options.UnkToken is { } unk)
            {
                if (_unkId < 0)
                    throw new InvalidOperationException($"the unknown token '{unk}' is not in the vocabulary");
                if (pendingUnk && Options.FuseUnk)
                {
                    pendingUnkLength += byteLength;
                }
                else
                {
                    if (pendingUnk)
                        symbols.Add(_unkId, pendingUnkLength);
                    pendingUnk = true;
                    pendingUnkLength = byteLength;
                }
            }
        }
        if (pendingUnk)
            symbols.Add(_unkId, pendingUnkLength);
        return symbols;
    }

    private bool TryAddBytes(BpeWord symbols, string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        Span<int> ids = stackalloc int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            if (!_vocabulary.TryGetValue(ByteToken(bytes[i]), out ids[i]))
                return false;
        foreach (int id in ids)
            symbols.Add(id, 1);
        return true;
    }

    /// <summary>The byte-fallback token of <paramref name="b"/>, <c>&lt;0x0A&gt;</c>.</summary>
    public static string ByteToken(byte b) => $"<0x{b:X2}>";

    public static BpeModel FromJson(JsonObject json)
    {
        var options = new BpeOptions
        {
            Dropout = json.OptionalDouble("dropout") is { } d ? (float)d : null,
            UnkToken = json.OptionalString("unk_token"),
            ContinuingSubwordPrefix = json.OptionalString("continuing_subword_prefix"),
            EndOfWordSuffix = json.OptionalString("end_of_word_suffix"),
            FuseUnk = json.Bool("fuse_unk", false),
            ByteFallback = json.Bool("byte_fallback", false),
            IgnoreMerges = json.Bool("ignore_merges", false),
        };
        if (options.Dropout is < 0 or > 1)
            throw json.ErrorAt("dropout", "expected a probability between 0 and 1");
        Dictionary<string, int> vocabulary = Vocabularies.Read(json, "vocab");
        var merges = new List<(string, string)>();
        if (json.Has("merges"))
        {
            foreach ((JsonElement item, string path) in json.Array("merges"))
                merges.Add(ReadMerge(json, item, path));
        }
        try
        {
            return new BpeModel(vocabulary, merges, options);
        }
        catch (BpeMergeException e)
        {
            throw new TokenizerFormatException(json.File, 0, $"{e.Left} {e.Right}", $"{json.Path}.merges[{e.Rank}]: {e.Message}");
        }
    }

    private static (string, string) ReadMerge(JsonObject json, JsonElement item, string path)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            string line = item.GetString()!;
            string[] parts = line.Split(' ');
            if (parts.Length == 2)
                return (parts[0], parts[1]);
        }
        else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2
                 && item[0].ValueKind == JsonValueKind.String && item[1].ValueKind == JsonValueKind.String)
        {
            return (item[0].GetString()!, item[1].GetString()!);
        }
        throw new TokenizerFormatException(json.File, 0, JsonObject.Quote(item), $"{path}: expected a merge \"left right\" or [\"left\", \"right\"]");
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "BPE");
        if (Options.Dropout is { } dropout) writer.WriteNumber("dropout", dropout); else writer.WriteNull("dropout");
        WriteNullable(writer, "unk_token", Options.UnkToken);
        WriteNullable(writer, "continuing_subword_prefix", Options.ContinuingSubwordPrefix);
        WriteNullable(writer, "end_of_word_suffix", Options.EndOfWordSuffix);
        writer.WriteBoolean("fuse_unk", Options.FuseUnk);
        writer.WriteBoolean("byte_fallback", Options.ByteFallback);
        writer.WriteBoolean("ignore_merges", Options.IgnoreMerges);
        Vocabularies.Write(writer, "vocab", _vocabulary);
        writer.WriteStartArray("merges");
        foreach ((string left, string right) in MergeList)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(left);
            writer.WriteStringValue(right);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name); else writer.WriteString(name, value);
    }
}

/// <summary>The options of a <see cref="BpeModel"/>, as tokenizer.json names them.</summary>
internal sealed record BpeOptions
{
    public float? Dropout { get; init; }
    public string? UnkToken { get; init; }
    public string? ContinuingSubwordPrefix { get; init; }
    public string? EndOfWordSuffix { get; init; }
    public bool FuseUnk { get; init; }
    public bool ByteFallback { get; init; }
    public bool IgnoreMerges { get; init; }
}

/// <summary>A merge names a token the vocabulary lacks.</summary>
internal sealed class BpeMergeException(int rank, string left, string right, string message) : Exception(message)
{
    public int Rank => rank;
    public string Left => left;
    public string Right => right;
}
