using System.Text;
using Tessera.Internal;
using Tessera.Models.Bpe;

namespace Tessera.Models;

/// <summary>
/// A vocabulary of token strings kept as UTF-8 in one arena, looked up by a <see cref="RankTable"/> (id = rank): no
/// string per token is made at load, only when asked for (<see cref="TokenOf"/>, <see cref="ToDictionary"/>).
/// </summary>
internal sealed class StringVocabulary
{
    private readonly RankTable _table;
    private readonly Lazy<RankTable?> _byteLevelTable;
    private readonly Lazy<MetaspaceVocabulary> _metaspaceTables;
    private Dictionary<string, int>? _dictionary;

    private int _byteLevelWanted; // 1 once the byte-level table was asked for or started

    /// <summary>A vocabulary over <paramref name="table"/>; its byte-level table is built when asked for, unless <paramref name="byteLevelKnown"/> gives it.</summary>
    private StringVocabulary(RankTable table, int count, bool byteLevelKnown = false, RankTable? byteLevelTable = null)
    {
        _table = table;
        Count = count;
        _byteLevelTable = byteLevelKnown ? new(byteLevelTable) : new(() => ByteLevelVocabulary.TableOf(this));
        _byteLevelWanted = byteLevelKnown ? 1 : 0;
        _metaspaceTables = new(() => MetaspaceVocabulary.Of(this));
    }

    /// <summary>
    /// A vocabulary over tables built elsewhere (<see cref="BpeModelImage"/>): <paramref name="table"/> over the token
    /// strings, and the byte-level table when it was built there (<paramref name="byteLevelKnown"/>; it may be null).
    /// </summary>
    internal static StringVocabulary Over(RankTable table, int count, bool byteLevelKnown, RankTable? byteLevelTable) =>
        new(table, count, byteLevelKnown, byteLevelTable);

    /// <summary>Whether <see cref="ByteLevelTable"/> was asked for or started (<see cref="PrepareByteLevelTable"/>): then it is worth keeping.</summary>
    internal bool ByteLevelTableWanted => Volatile.Read(ref _byteLevelWanted) != 0;

    /// <summary>
    /// The tokens as the bytes their byte-level strings stand for (<see cref="ByteLevelVocabulary"/>), built at first
    /// use or in the background from <see cref="PrepareByteLevelTable"/>; null when the vocabulary is not byte-level.
    /// </summary>
    public RankTable? ByteLevelTable
    {
        get
        {
            _byteLevelWanted = 1;
            return _byteLevelTable.Value;
        }
    }

    /// <summary>
    /// Starts building <see cref="ByteLevelTable"/> on another thread (<paramref name="helper"/>'s, or the thread pool's)
    /// when the vocabulary looks byte-level (it has GPT-2's space, "Ġ"): a reader calls it once the vocabulary and
    /// merges are read, so the table is built while the rest of the pipeline is.
    /// </summary>
    public void PrepareByteLevelTable(LoadHelper? helper = null)
    {
        if (IdOf("\u0120"u8) >= 0)
        {
            _byteLevelWanted = 1;
            LoadHelper.Run(helper, () => _ = _byteLevelTable.Value);
        }
    }

    /// <summary>
    /// The character tables of a SentencePiece-style vocabulary (<see cref="MetaspaceVocabulary"/>), built at first use
    /// or in the background from <see cref="PrepareMetaspaceTables"/>.
    /// </summary>
    public MetaspaceVocabulary MetaspaceTables => _metaspaceTables.Value;

    /// <summary>
    /// Starts building <see cref="MetaspaceTables"/> on another thread (<paramref name="helper"/>'s, or the thread
    /// pool's; a reader calls it once the merges are resolved).
    /// </summary>
    public void PrepareMetaspaceTables(LoadHelper? helper = null) => LoadHelper.Run(helper, () => _ = _metaspaceTables.Value);

    /// <summary>The number of tokens.</summary>
    public int Count { get; }

    /// <summary>One more than the largest id.</summary>
    public int IdLimit => _table.MaxRank + 1;

    /// <summary>The table over the UTF-8 token strings.</summary>
    public RankTable Table => _table;

    /// <summary>The id of a token given as UTF-8, or -1.</summary>
    public int IdOf(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? -1 : _table.RankOf(utf8);

    /// <summary>The id of a token, or -1.</summary>
    public int IdOf(string token)
    {
        int max = Encoding.UTF8.GetMaxByteCount(token.Length);
        Span<byte> utf8 = max <= 512 ? stackalloc byte[max] : new byte[max];
        return IdOf(utf8[..Encoding.UTF8.GetBytes(token, utf8)]);
    }

    /// <summary>The UTF-8 string of token <paramref name="id"/> (empty when there is none).</summary>
    public ReadOnlySpan<byte> Utf8Of(int id) => (uint)id <= (uint)_table.MaxRank ? _table.BytesOf(id) : default;

    /// <summary>The string of token <paramref name="id"/>, or null.</summary>
    public string? TokenOf(int id) => _table.Contains(id) ? Encoding.UTF8.GetString(_table.BytesOf(id)) : null;

    /// <summary>Token to id, made at first use.</summary>
    public Dictionary<string, int> ToDictionary()
    {
        if (_dictionary is { } made)
            return made;
        var dictionary = new Dictionary<string, int>(Count);
        for (int id = 0; id <= _table.MaxRank; id++)
            if (_table.Contains(id))
                dictionary[Encoding.UTF8.GetString(_table.BytesOf(id))] = id;
        return _dictionary = dictionary;
    }

    /// <summary>A vocabulary of the given tokens.</summary>
    public static StringVocabulary From(IReadOnlyDictionary<string, int> tokens)
    {
        long bytes = 0;
        foreach (string token in tokens.Keys)
            bytes += Encoding.UTF8.GetByteCount(token);
        var builder = new Builder(bytes, tokens.Count);
        foreach ((string token, int id) in tokens)
            builder.Add(Encoding.UTF8.GetBytes(token), id);
        return builder.Build();
    }

    /// <summary>
    /// Collects UTF-8 tokens and their ids, in any order, into native memory reserved for upper bounds on both (touched
    /// only as written): a vocabulary read from a file never grows by copying, and when its ids come in order its
    /// strings are already the arena.
    /// </summary>
    public sealed unsafe class Builder(long maxBytes, long maxTokens)
    {
        private readonly NativeList<byte> _bytes = new(maxBytes);
        private readonly NativeList<(int Id, int Start, int Length)> _tokens = new(maxTokens);
        private int _maxId = -1;

        public void Add(ReadOnlySpan<byte> utf8, int id)
        {
            int start = _bytes.AddRange(utf8);
            _tokens.Add((id, start, utf8.Length));
            _maxId = Math.Max(_maxId, id);
        }

        /// <summary>The vocabulary; when two tokens share an id the later wins, and a token listed twice keeps its last id.</summary>
        public StringVocabulary Build()
        {
            Span<(int Id, int Start, int Length)> tokens = _tokens.Items;
            var offsets = new RankTable.Offsets(_maxId + 1);
            Span<int> starts = offsets.Start;
            bool inOrder = tokens.Length == _maxId + 1;
            for (int i = 0; inOrder && i < tokens.Length; i++)
                inOrder = tokens[i].Id == i;
            if (inOrder)
            {
                int nonEmpty = 0;
                for (int id = 0; id <= _maxId; id++)
                {
                    starts[id] = tokens[id].Start;
                    if (tokens[id].Length > 0) nonEmpty++;
                }
                starts[_maxId + 1] = _bytes.Count;
                return new StringVocabulary(new RankTable(_bytes.Pointer, _bytes.Block, offsets), nonEmpty);
            }
            var byId = new (int Start, int Length)[_maxId + 1];
            foreach ((int id, int start, int length) in tokens)
                byId[id] = (start, length);
            long total = 0;
            int count = 0;
            foreach ((int _, int length) in byId)
            {
                total += length;
                if (length > 0) count++;
            }
            var arena = new NativeList<byte>(total);
            for (int id = 0; id <= _maxId; id++)
            {
                starts[id] = arena.Count;
                arena.AddRange(new ReadOnlySpan<byte>(_bytes.Pointer + byId[id].Start, byId[id].Length));
            }
            starts[_maxId + 1] = arena.Count;
            return new StringVocabulary(new RankTable(arena.Pointer, arena.Block, offsets), count);
        }
    }
}
