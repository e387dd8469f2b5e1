namespace Tessera.Text;

/// <summary>A byte trie of token strings, for leftmost-longest search.</summary>
internal sealed class TokenTrie
{
    private readonly List<Dictionary<byte, int>> _children = [[]];
    private readonly List<int> _ids = [-1];
    private System.Buffers.SearchValues<byte>? _firstBytes;

    public bool IsEmpty => _children[0].Count == 0;

    public void Add(byte[] token, int id)
    {
        if (token.Length == 0)
            return;
        int node = 0;
        foreach (byte b in token)
        {
            if (!_children[node].TryGetValue(b, out int next))
            {
                next = _children.Count;
                _children.Add([]);
                _ids.Add(-1);
                _children[node][b] = next;
            }
            node = next;
        }
        if (_ids[node] < 0)
            _ids[node] = id;
        _firstBytes = null;
    }

    /// <summary>The first position at or after <paramref name="from"/> where a token could start, or -1.</summary>
    public int NextCandidate(ReadOnlySpan<byte> text, int from)
    {
        _firstBytes ??= System.Buffers.SearchValues.Create([.. _children[0].Keys]);
        int found = text[from..].IndexOfAny(_firstBytes);
        return found < 0 ? -1 : from + found;
    }

    /// <summary>The length of the longest token starting at <paramref name="at"/> (0 if none) and its id.</summary>
    public int LongestAt(ReadOnlySpan<byte> text, int at, out int id)
    {
        id = -1;
        int best = 0, node = 0;
        for (int i = at; i < text.Length && _children[node].TryGetValue(text[i], out node); i++)
        {
            if (_ids[node] >= 0)
            {
                best = i + 1 - at;
                id = _ids[node];
            }
        }
        return best;
    }
}
