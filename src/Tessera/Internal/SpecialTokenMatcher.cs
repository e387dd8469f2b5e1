using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Tessera.Internal;

/// <summary>Finds special-token text in UTF-8 input: the leftmost occurrence, the longest token at that position.</summary>
internal sealed class SpecialTokenMatcher
{
    private readonly Special[] _tokens; // longest first
    private readonly SearchValues<byte>? _firstBytes; // null when there are none
    private readonly Dictionary<int, byte[]>? _bytesById;

    private sealed record Special(byte[] Bytes, string Text, int Id);

    /// <summary>
    /// A matcher of no tokens (a lowered tokenizer.json cuts its added tokens before the encoder sees the text). Made
    /// without the generic collections and search values of the general constructor, whose first use in a process
    /// cost 3.7 ms of a first load.
    /// </summary>
    public static SpecialTokenMatcher None() => new();

    private SpecialTokenMatcher() => _tokens = [];

    /// <remarks>Plain loops rather than LINQ over tuples: generic code over value types is compiled at first use, which cost 20 ms of load.</remarks>
    public SpecialTokenMatcher(IReadOnlyDictionary<string, int> tokens)
    {
        var specials = new List<Special>(tokens.Count);
        _bytesById = new Dictionary<int, byte[]>(tokens.Count);
        // Not enumerated when empty: an empty dictionary's enumerator is generic code compiled at first use.
        if (tokens.Count > 0)
        {
            foreach (KeyValuePair<string, int> token in tokens)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(token.Key);
                _bytesById[token.Value] = bytes;
                if (bytes.Length > 0)
                    specials.Add(new Special(bytes, token.Key, token.Value));
            }
        }
        _tokens = [.. specials];
        Array.Sort(_tokens, static (a, b) => a.Bytes.Length != b.Bytes.Length
            ? b.Bytes.Length.CompareTo(a.Bytes.Length)
            : string.CompareOrdinal(a.Text, b.Text));
        var first = new bool[256];
        var firstBytes = new List<byte>();
        foreach (Special token in _tokens)
        {
            if (!first[token.Bytes[0]])
                firstBytes.Add(token.Bytes[0]);
            first[token.Bytes[0]] = true;
            CanCrossLineStart |= ContainsLineStart(token.Bytes);
        }
        _firstBytes = SearchValues.Create(CollectionsMarshal.AsSpan(firstBytes));
    }

    public bool IsEmpty => _tokens.Length == 0;

    /// <summary>Whether some token contains a line feed followed by an ASCII letter (where the encoder cuts chunks).</summary>
    public bool CanCrossLineStart { get; }

    /// <summary>The leftmost special token at or after <paramref name="from"/>: its index, or -1; <paramref name="at"/> is where it starts.</summary>
    public int Find(ReadOnlySpan<byte> text, int from, out int at)
    {
        while (_firstBytes is not null && from < text.Length)
        {
            int i = text[from..].IndexOfAny(_firstBytes);
            if (i < 0) break;
            at = from + i;
            ReadOnlySpan<byte> rest = text[at..];
            for (int t = 0; t < _tokens.Length; t++)
            {
                if (rest.StartsWith(_tokens[t].Bytes))
                    return t;
            }
            from = at + 1;
        }
        at = -1;
        return -1;
    }

    public int LengthOf(int match) => _tokens[match].Bytes.Length;

    public string TextOf(int match) => _tokens[match].Text;

    public int IdOf(int match) => _tokens[match].Id;

    /// <summary>The bytes of the special token with <paramref name="id"/>, or false.</summary>
    public bool TryGetBytes(int id, out byte[] bytes)
    {
        bytes = [];
        return _bytesById is not null && _bytesById.TryGetValue(id, out bytes!);
    }

    private static bool ContainsLineStart(byte[] bytes)
    {
        for (int i = 0; i + 1 < bytes.Length; i++)
            if (bytes[i] == (byte)'\n' && char.IsAsciiLetter((char)bytes[i + 1])) return true;
        return false;
    }
}
