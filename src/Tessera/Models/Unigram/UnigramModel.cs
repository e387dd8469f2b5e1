using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Formats.Json;
using Tessera.Internal;
using Tessera.Models.Bpe;
using Tessera.Text;

namespace Tessera.Models.Unigram;

/// <summary>
/// Hugging Face's Unigram model (<c>models/unigram/model.rs</c>, after SentencePiece's <c>unigram_model.cc</c>): the
/// segmentation of a piece with the highest total score, found by Viterbi over the lattice of every vocabulary piece
/// at every character position. A character no single piece covers gets an unknown node scored
/// <c>min_score - 10</c>; consecutive unknown nodes fuse into one token; with <c>byte_fallback</c> an unknown token
/// becomes one <c>&lt;0xHH&gt;</c> token per byte when all of them exist. See docs/algorithms/unigram-viterbi.md.
/// </summary>
internal sealed partial class UnigramModel : IModel
{
    /// <summary>Hugging Face's <c>K_UNK_PENALTY</c>: an unknown character scores this much below the lowest piece.</summary>
    public const double UnknownPenalty = 10.0;

    private readonly (string Piece, double Score)[] _pieces; // an array: a list of tuples is generic code compiled at a first load
    private readonly Dictionary<string, int> _vocabulary;
    private readonly DoubleArrayTrie _trie;   // piece bytes -> id (the last id of a repeated piece, as Hugging Face's map)
    private readonly double[] _scores;        // by id
    private readonly int _unkId;              // -1: none
    private readonly double _unknownScore;
    private readonly int[]? _byteIds;         // byte -> id of <0xHH>, -1 when missing; null without byte_fallback
    private readonly int[] _pieceLengths;     // by id, in UTF-8 bytes
    private PieceCache? _cache;               // short pieces to their ids, made on first use

    /// <summary>Creates the model over a copy of <paramref name="pieces"/>.</summary>
    /// <exception cref="ArgumentException">The vocabulary is empty while an unknown id is given, or the id is out of range.</exception>
    public UnigramModel(List<(string Piece, double Score)> pieces, int? unkId, bool byteFallback)
        : this(pieces?.ToArray()!, unkId, byteFallback)
    {
    }

    /// <summary>Creates the model over <paramref name="pieces"/>, which it keeps.</summary>
    /// <exception cref="ArgumentException">The vocabulary is empty while an unknown id is given, or the id is out of range.</exception>
    public UnigramModel((string Piece, double Score)[] pieces, int? unkId, bool byteFallback)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (unkId is { } unk)
        {
            if (pieces.Length == 0)
                throw new ArgumentException("the vocabulary is empty but at least the unknown piece is needed", nameof(pieces));
            if (unk < 0 || unk >= pieces.Length)
                throw new ArgumentException($"unk_id {unk} is not an index of the vocabulary ({pieces.Length} pieces)", nameof(unkId));
        }
        _pieces = pieces;
        _unkId = unkId ?? -1;
        ByteFallback = byteFallback;
        _vocabulary = new Dictionary<string, int>(pieces.Length);
        _scores = new double[pieces.Length];
        _pieceLengths = new int[pieces.Length];
        var keys = new (byte[], int)[pieces.Length];
        double min = double.PositiveInfinity;
        for (int id = 0; id < pieces.Length; id++)
        {
            (string piece, double score) = pieces[id];
            _vocabulary[piece] = id;
            _scores[id] = score;
            byte[] bytes = Utf8Chars.Bytes(piece);
            keys[id] = (bytes, id);
            _pieceLengths[id] = bytes.Length;
            min = Math.Min(min, score);
        }
        _trie = DoubleArrayTrie.Build(keys);
        MinScore = min;
        _unknownScore = min - UnknownPenalty;
        if (byteFallback)
        {
            _byteIds = new int[256];
            for (int b = 0; b < 256; b++)
                _byteIds[b] = _vocabulary.TryGetValue(BpeModel.ByteToken((byte)b), out int id) ? id : -1;
        }
    }

    /// <summary>Unknown characters become <c>&lt;0xHH&gt;</c> tokens (<c>byte_fallback</c>).</summary>
    public bool ByteFallback { get; }

    /// <summary>
    /// Consecutive unknown nodes become one token. Always true in Hugging Face (its setter is test-only); settable
    /// here for the same tests.
    /// </summary>
    internal bool FuseUnknown { get; init; } = true;

    /// <summary>Short pieces' tokens are kept in a cache (on by default; off to measure the Viterbi path alone).</summary>
    internal bool CachePieces { get; init; } = true;

    /// <summary>The lowest piece score.</summary>
    public double MinScore { get; }

    /// <summary>The id of the unknown piece, or null.</summary>
    public int? UnkId => _unkId >= 0 ? _unkId : null;

    /// <summary>
    /// An unknown token's string is the normalized text it covers (a fused run of unknown characters), as Hugging
    /// Face's Unigram gives it; any other token's is its piece.
    /// </summary>
    public string TokenString(Token token, ReadOnlySpan<byte> piece) =>
        token.Id == _unkId ? System.Text.Encoding.UTF8.GetString(piece[token.Start..token.End]) : IdToToken(token.Id) ?? "";

    /// <summary>The pieces with their scores, in id order.</summary>
    public IReadOnlyList<(string Piece, double Score)> Pieces => _pieces;

    public int VocabularySize => _pieces.Length;

    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    /// <summary>The double-array trie over the pieces (for diagnostics and benchmarks).</summary>
    internal DoubleArrayTrie Trie => _trie;

    public int? TokenToId(string token) => _vocabulary.TryGetValue(token, out int id) ? id : null;

    public string? IdToToken(int id) => (uint)id < (uint)_pieces.Length ? _pieces[id].Piece : null;

    /// <summary>One entry of the Viterbi table: the best path that ends at a byte position.</summary>
    internal struct BestPath
    {
        public double Score;
        public int Start;  // where its last node starts; -1 while no path reaches the position
        public int Id;     // its last node's id (the unknown id for an unknown node)
    }

    /// <summary>Positions up to this many bytes use a table on the stack (16 bytes an entry).</summary>
    private const int StackLimit = 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Tokenize(ReadOnlySpan<byte> piece, List<Token> output)
    {
        if (piece.IsEmpty)
            return;
        if (piece.Length > PieceCache.MaxKeyLength || !CachePieces)
        {
            TokenizeUncached(piece, output);
            return;
        }
        // Words repeat (Hugging Face keeps a cache too): a short piece's ids come from a direct-mapped cache when
        // they are up to three contiguous tokens each spanning its own piece, so offsets follow from the lengths.
        PieceCache cache = _cache ?? MakeCache();
        ByteKey.PrefixAndSecond(piece, 0, piece.Length, out ulong low, out ulong high);
        int count = cache.TryGet(low, high, piece.Length, out int id0, out int id1, out int id2);
        if (count > 0)
        {
            int end = _pieceLengths[id0];
            output.Add(new Token(id0, 0, end));
            if (count > 1)
            {
                output.Add(new Token(id1, end, end += _pieceLengths[id1]));
                if (count > 2)
                    output.Add(new Token(id2, end, end + _pieceLengths[id2]));
            }
            return;
        }
        int first = output.Count;
        TokenizeUncached(piece, output);
        Remember(cache, low, high, piece.Length, output, first);
    }

    private PieceCache MakeCache()
    {
        var made = new PieceCache();
        return Interlocked.CompareExchange(ref _cache, made, null) ?? made; // a losing cache's memory goes with its finalizer
    }

    private void Remember(PieceCache cache, ulong low, ulong high, int length, List<Token> output, int first)
    {
        int count = output.Count - first;
        if (count is 0 or > PieceCache.MaxIds)
            return;
        Span<int> ids = stackalloc int[PieceCache.MaxIds];
        int end = 0;
        for (int i = 0; i < count; i++)
        {
            Token token = output[first + i];
            if (token.Start != end || token.End - token.Start != _pieceLengths[token.Id])
                return; // an unknown run or byte-fallback tokens: offsets that do not follow from the ids
            ids[i] = token.Id;
            end = token.End;
        }
        cache.Set(low, high, length, ids[..count]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TokenizeUncached(ReadOnlySpan<byte> piece, List<Token> output)
    {
        BestPath[]? rented = null;
        Span<BestPath> best = piece.Length < StackLimit
            ? stackalloc BestPath[StackLimit]
            : (rented = ArrayPool<BestPath>.Shared.Rent(piece.Length + 1));
        try
        {
            best = best[..(piece.Length + 1)];
            Viterbi(piece, best);
            var emitter = new Emitter(this, piece, output);
            for (int end = piece.Length; end > 0;)
            {
                ref BestPath node = ref best[end];
                emitter.Node(node.Start, end, node.Id);
                end = node.Start;
            }
            emitter.Finish();
        }
        finally
        {
            if (rented is not null)
                ArrayPool<BestPath>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Turns a path, given last node first, into tokens as Hugging Face's <c>tokenize</c> does: a run of unknown
    /// nodes becomes one token (the piece it spells if that is in the vocabulary, else its bytes' <c>&lt;0xHH&gt;</c>
    /// tokens, each covering the whole run, else the unknown token).
    /// </summary>
    private ref struct Emitter
    {
        private readonly UnigramModel _model;
        private readonly ReadOnlySpan<byte> _piece;
        private readonly List<Token> _output;
        private readonly int _first;
        private int _runStart, _runEnd;

        public Emitter(UnigramModel model, ReadOnlySpan<byte> piece, List<Token> output)
        {
            _model = model;
            _piece = piece;
            _output = output;
            _first = output.Count;
            _runStart = _runEnd = -1;
        }

        public void Node(int start, int end, int id)
        {
            if (id == _model._unkId)
            {
                if (!_model.FuseUnknown)
                {
                    EmitUnknown(start, end);
                    return;
                }
                if (_runEnd < 0)
                    _runEnd = end;
                _runStart = start;
                return;
            }
            Flush();
            _output.Add(new Token(id, start, end));
        }

        public void Finish()
        {
            Flush();
            _output.Reverse(_first, _output.Count - _first);
        }

        private void Flush()
        {
            if (_runEnd < 0)
                return;
            EmitUnknown(_runStart, _runEnd);
            _runStart = _runEnd = -1;
        }

        private readonly void EmitUnknown(int start, int end)
        {
            ReadOnlySpan<byte> text = _piece[start..end];
            int id = _model._trie.Find(text);
            if (id >= 0)
            {
                _output.Add(new Token(id, start, end));
                return;
            }
            if (_model._byteIds is { } byteIds && AllBytesKnown(byteIds, text))
            {
                for (int i = text.Length - 1; i >= 0; i--) // reversed with the rest in Finish
                    _output.Add(new Token(byteIds[text[i]], start, end));
                return;
            }
            _output.Add(new Token(_model._unkId, start, end));
        }

        private static bool AllBytesKnown(int[] byteIds, ReadOnlySpan<byte> text)
        {
            foreach (byte b in text)
                if (byteIds[b] < 0)
                    return false;
            return true;
        }
    }

    /// <summary>Reads tokenizer.json's <c>"model"</c> of type Unigram: <c>vocab</c> as [piece, score] pairs, <c>unk_id</c>, <c>byte_fallback</c>.</summary>
    public static UnigramModel FromJson(JsonObject json)
    {
        var pieces = new (string, double)[json.Element.TryGetProperty("vocab", out JsonNode vocab) && vocab.ValueKind == JsonKind.Array ? vocab.GetArrayLength() : 0];
        int count = 0;
        foreach (JsonItem entry in json.Array("vocab"))
        {
            JsonNode item = entry.Element;
            if (item.ValueKind != JsonKind.Array || item.GetArrayLength() != 2
                || item[0].ValueKind != JsonKind.String || item[1].ValueKind != JsonKind.Number)
                throw new TokenizerFormatException(json.File, 0, JsonObject.Quote(item), $"{entry.Path}: expected a pair [\"piece\", score]");
            double score;
            try
            {
                score = RustFloat.Parse(item[1].RawUtf8); // as Hugging Face reads it
            }
            catch (OverflowException)
            {
                throw new TokenizerFormatException(json.File, 0, JsonObject.Quote(item), $"{entry.Path}[1]: the score is out of the range of a double");
            }
            pieces[count++] = (item[0].GetString()!, score);
        }
        int? unkId = json.OptionalInt("unk_id");
        if (unkId is < 0)
            throw json.ErrorAt("unk_id", "expected a non-negative integer or null");
        if (unkId is not null && pieces.Length == 0)
            throw json.ErrorAt("unk_id", "the vocabulary is empty but at least the unknown piece is needed");
        if (unkId >= pieces.Length)
            throw json.ErrorAt("unk_id", $"the unknown id is not an index of the vocabulary ({pieces.Length} pieces)");
        return new UnigramModel(pieces, unkId, json.Bool("byte_fallback", false));
    }

    public string Type => "Unigram";

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        if (_unkId >= 0) writer.WriteNumber("unk_id", _unkId); else writer.WriteNull("unk_id");
        writer.WriteStartArray("vocab");
        foreach ((string piece, double score) in _pieces)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(piece);
            RustFloat.Write(writer, score);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("byte_fallback", ByteFallback);
        writer.WriteEndObject();
    }
}
