using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Formats.Json;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// Hugging Face's BPE model: each character of a piece is a symbol (with <c>continuing_subword_prefix</c> on all but
/// the first and <c>end_of_word_suffix</c> on the last), unknown characters become byte tokens (<c>byte_fallback</c>)
/// or the unknown token (fused when <c>fuse_unk</c>); then symbols merge by the merges list's ranks
/// (<see cref="BpeWord"/>). With <c>ignore_merges</c> a piece found whole in the vocabulary is one token.
/// </summary>
internal sealed unsafe class BpeModel : IModel
{
    private readonly StringVocabulary _vocabulary;
    private readonly MergeTriple* _triples;
    private readonly int _tripleCount;
    private readonly object _triplesOwner; // keeps the triples' memory alive: a native list, or a mapped image
    private readonly int _unkId = -1;
    private readonly Lazy<MergeRanks> _ranks;

    /// <summary>A model over a vocabulary and merges given as ids, by rank.</summary>
    public BpeModel(StringVocabulary vocabulary, NativeList<MergeTriple> merges, BpeOptions options)
        : this(vocabulary, merges.Pointer, merges.Count, merges, null, options)
    {
    }

    /// <summary>
    /// A model over merges at <paramref name="triples"/> (<paramref name="count"/> of them, by rank), which
    /// <paramref name="triplesOwner"/> keeps alive, and their table when it is built already (<paramref name="ranks"/>).
    /// </summary>
    internal BpeModel(StringVocabulary vocabulary, MergeTriple* triples, int count, object triplesOwner, MergeRanks? ranks, BpeOptions options)
    {
        _vocabulary = vocabulary;
        _triples = triples;
        _tripleCount = count;
        _triplesOwner = triplesOwner;
        Options = options;
        _ranks = ranks is null ? new(() => new MergeRanks(Triples)) : new(ranks);
        if (options.UnkToken is { } unk)
            _unkId = vocabulary.IdOf(unk);
    }

    /// <summary>
    /// Starts building <see cref="Merges"/> on another thread (<paramref name="helper"/>'s, or the thread pool's): a
    /// reader calls it once the model is read, so the table is built while the rest of the pipeline is (Gemma 3's
    /// 514,906 merges take about 13 ms).
    /// </summary>
    public void PrepareMerges(LoadHelper? helper = null)
    {
        if (!_ranks.IsValueCreated)
            LoadHelper.Run(helper, () => _ = _ranks.Value);
    }

    /// <summary>A model over a vocabulary and merges given as strings.</summary>
    /// <exception cref="BpeMergeException">A merge names a token the vocabulary lacks.</exception>
    public static BpeModel FromStrings(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyList<(string Left, string Right)> merges, BpeOptions options)
    {
        StringVocabulary strings = StringVocabulary.From(vocabulary);
        var resolver = new MergeResolver(strings, options.ContinuingSubwordPrefix);
        var triples = new NativeList<MergeTriple>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
            triples.Add(resolver.Resolve(rank, Encoding.UTF8.GetBytes(merges[rank].Left), Encoding.UTF8.GetBytes(merges[rank].Right)));
        return new BpeModel(strings, triples, options);
    }

    public BpeOptions Options { get; }

    /// <summary>The merges by id pair, built at first use or ahead by <see cref="PrepareMerges"/>.</summary>
    public MergeRanks Merges => _ranks.Value;

    /// <summary>The merges as ids (the two parts and the token they make), by rank.</summary>
    public ReadOnlySpan<MergeTriple> Triples => new(_triples, _tripleCount);

    /// <summary>The token strings.</summary>
    public StringVocabulary Strings => _vocabulary;

    public int VocabularySize => _vocabulary.Count;

    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary.ToDictionary();

    public int? TokenToId(string token) => _vocabulary.IdOf(token) is >= 0 and var id ? id : null;

    public string? IdToToken(int id) => _vocabulary.TokenOf(id);

    public void Tokenize(ReadOnlySpan<byte> piece, List<Token> output)
    {
        if (piece.IsEmpty)
            return;
        if (Options.IgnoreMerges && _vocabulary.IdOf(piece) is >= 0 and var whole)
        {
            output.Add(new Token(whole, 0, piece.Length));
            return;
        }
        BpeWord symbols = Symbols(Encoding.UTF8.GetString(piece));
        symbols.MergeAll(Merges, Options.Dropout is > 0 and var p ? p : 0f);
        symbols.AppendTokens(output, piece.Length);
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

            if (_vocabulary.IdOf(s) is >= 0 and var id)
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
                    ModelErrors.ThrowMissingUnknown("BPE", unk);
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

    /// <summary>
    /// The byte pieces of <paramref name="s"/>, a character with the prefix and suffix it was looked up with, as Hugging
    /// Face spells them (the prefix's and suffix's bytes too, each one byte long: <see cref="BpeWord.AppendTokens"/>
    /// keeps their offsets within the word).
    /// </summary>
    private bool TryAddBytes(BpeWord symbols, string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        Span<int> ids = stackalloc int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            if ((ids[i] = _vocabulary.IdOf(ByteToken(bytes[i]))) < 0)
                return false;
        foreach (int id in ids)
            symbols.Add(id, 1);
        return true;
    }

    /// <summary>The byte-fallback token of <paramref name="b"/>, <c>&lt;0x0A&gt;</c>.</summary>
    public static string ByteToken(byte b) => $"<0x{b:X2}>";

    public static BpeModel FromJson(JsonObject json)
    {
        BpeOptions options = ReadOptions(json);
        Dictionary<string, int> vocabulary = Vocabularies.Read(json, "vocab");
        var merges = new List<(string, string)>();
        if (json.Has("merges"))
        {
            foreach (JsonItem entry in json.Array("merges"))
                merges.Add(ReadMerge(json, entry.Element, entry.Path));
        }
        try
        {
            return FromStrings(vocabulary, merges, options);
        }
        catch (BpeMergeException e)
        {
            throw new TokenizerFormatException(json.File, 0, $"{e.Left} {e.Right}", $"{json.Path}.merges[{e.Rank}]: {e.Message}");
        }
    }

    /// <summary>The options of a BPE model object.</summary>
    public static BpeOptions ReadOptions(JsonObject json)
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
        return options;
    }

    private static (string, string) ReadMerge(JsonObject json, JsonNode item, string path)
    {
        if (item.ValueKind == JsonKind.String)
        {
            string line = item.GetString()!;
            string[] parts = line.Split(' ');
            if (parts.Length == 2)
                return (parts[0], parts[1]);
        }
        else if (item.ValueKind == JsonKind.Array && item.GetArrayLength() == 2
                 && item[0].ValueKind == JsonKind.String && item[1].ValueKind == JsonKind.String)
        {
            return (item[0].GetString()!, item[1].GetString()!);
        }
        throw new TokenizerFormatException(json.File, 0, JsonObject.Quote(item), $"{path}: expected a merge \"left right\" or [\"left\", \"right\"]");
    }

    public string Type => "BPE";

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        if (Options.Dropout is { } dropout) writer.WriteNumber("dropout", dropout); else writer.WriteNull("dropout");
        WriteNullable(writer, "unk_token", Options.UnkToken);
        WriteNullable(writer, "continuing_subword_prefix", Options.ContinuingSubwordPrefix);
        WriteNullable(writer, "end_of_word_suffix", Options.EndOfWordSuffix);
        writer.WriteBoolean("fuse_unk", Options.FuseUnk);
        writer.WriteBoolean("byte_fallback", Options.ByteFallback);
        writer.WriteBoolean("ignore_merges", Options.IgnoreMerges);
        Vocabularies.Write(writer, "vocab", Vocabulary);
        writer.WriteStartArray("merges");
        foreach (MergeTriple merge in Triples)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(_vocabulary.TokenOf(merge.Left));
            writer.WriteStringValue(_vocabulary.TokenOf(merge.Right));
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
