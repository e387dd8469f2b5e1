using System.Buffers;
using System.Text;

namespace Tessera.Internal;

/// <summary>Finds special-token text in UTF-8 input: the leftmost occurrence, the longest token at that position.</summary>
internal sealed class SpecialTokenMatcher
{
    private readonly (byte[] Bytes, string Text, int Id)[] _tokens; // longest first
    private readonly SearchValues<byte> _firstBytes;
    private readonly Dictionary<int, byte[]> _bytesById;

    public SpecialTokenMatcher(IReadOnlyDictionary<string, int> tokens)
    {
        _tokens = [.. tokens.Where(t => t.Key.Length > 0)
            .Select(t => (Encoding.UTF8.GetBytes(t.Key), t.Key, t.Value))
            .OrderByDescending(t => t.Item1.Length).ThenBy(t => t.Key, StringComparer.Ordinal)];
        _firstBytes = SearchValues.Create([.. _tokens.Select(t => t.Bytes[0]).Distinct()]);
        _bytesById = tokens.ToDictionary(t => t.Value, t => Encoding.UTF8.GetBytes(t.Key));
        CanCrossLineStart = _tokens.Any(t => ContainsLineStart(t.Bytes));
    }

    public bool IsEmpty => _tokens.Length == 0;

    /// <summary>Whether some token contains a line feed followed by an ASCII letter (where the encoder cuts chunks).</summary>
    public bool CanCrossLineStart { get; }

    /// <summary>The leftmost special token at or after <paramref name="from"/>: its index, or -1; <paramref name="at"/> is where it starts.</summary>
    public int Find(ReadOnlySpan<byte> text, int from, out int at)
    {
        while (from < text.Length)
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
    public bool TryGetBytes(int id, out byte[] bytes) => _bytesById.TryGetValue(id, out bytes!);

    private static bool ContainsLineStart(byte[] bytes)
    {
        for (int i = 0; i + 1 < bytes.Length; i++)
            if (bytes[i] == (byte)'\n' && char.IsAsciiLetter((char)bytes[i + 1])) return true;
        return false;
    }
}
