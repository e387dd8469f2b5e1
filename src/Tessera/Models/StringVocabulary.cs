using System.Text;
using Tessera.Models.Bpe;

namespace Tessera.Models;

/// <summary>
/// A vocabulary of token strings kept as UTF-8 in one arena, looked up by a <see cref="RankTable"/> (id = rank): no
/// string per token is made at load, only when asked for (<see cref="TokenOf"/>, <see cref="ToDictionary"/>).
/// </summary>
internal sealed class StringVocabulary
{
    private readonly RankTable _table;
    private Dictionary<string, int>? _dictionary;

    private StringVocabulary(RankTable table, int count)
    {
        _table = table;
        Count = count;
    }

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
        var builder = new Builder();
        foreach ((string token, int id) in tokens)
            builder.Add(Encoding.UTF8.GetBytes(token), id);
        return builder.Build();
    }

    /// <summary>Collects UTF-8 tokens and their ids, in any order.</summary>
    public sealed class Builder
    {
        private byte[] _bytes = new byte[1 << 16];
        private int _used;
        private readonly List<(int Id, int Start, int Length)> _tokens = [];
        private int _maxId = -1;

        public void Add(ReadOnlySpan<byte> utf8, int id)
        {
            if (_used + utf8.Length > _bytes.Length)
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + utf8.Length));
            utf8.CopyTo(_bytes.AsSpan(_used));
            _tokens.Add((id, _used, utf8.Length));
            _used += utf8.Length;
            _maxId = Math.Max(_maxId, id);
        }

        /// <summary>The vocabulary; when two tokens share an id the later wins, and a token listed twice keeps its last id.</summary>
        public unsafe StringVocabulary Build()
        {
            var byId = new (int Start, int Length)[_maxId + 1];
            bool inOrder = true;
            for (int i = 0; i < _tokens.Count; i++)
            {
                (int id, int start, int length) = _tokens[i];
                inOrder &= id == i;
                byId[id] = (start, length);
            }
            var offsets = new RankTable.Offsets(_maxId + 1);
            Span<int> starts = offsets.Start;
            byte[] arena;
            if (inOrder)
            {
                arena = GC.AllocateUninitializedArray<byte>(Math.Max(1, _used), pinned: true);
                _bytes.AsSpan(0, _used).CopyTo(arena);
                for (int id = 0; id <= _maxId; id++)
                    starts[id] = byId[id].Start;
                starts[_maxId + 1] = _used;
            }
            else
            {
                int total = 0;
                foreach ((int _, int length) in byId) total += length;
                arena = GC.AllocateUninitializedArray<byte>(Math.Max(1, total), pinned: true);
                int at = 0;
                for (int id = 0; id <= _maxId; id++)
                {
                    starts[id] = at;
                    _bytes.AsSpan(byId[id].Start, byId[id].Length).CopyTo(arena.AsSpan(at));
                    at += byId[id].Length;
                }
                starts[_maxId + 1] = at;
            }
            int count = 0;
            foreach ((int _, int length) in byId)
                if (length > 0) count++;
            fixed (byte* pointer = arena)
                return new StringVocabulary(new RankTable(pointer, arena, offsets), count);
        }
    }
}
