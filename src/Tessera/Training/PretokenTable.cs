using System.Runtime.InteropServices;

namespace Tessera.Training;

/// <summary>
/// The counts a pre-token counter keeps: each distinct pre-token (as the model's characters) and how often it was seen,
/// looked up by a span of characters (no string is made for a pre-token seen before), with a buffer to spell one in.
/// </summary>
internal sealed class PretokenTable
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _buffer = new char[256];

    public PretokenTable() => _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Room for a pre-token of up to <paramref name="length"/> characters, valid until the next call.</summary>
    public Span<char> Buffer(int length)
    {
        if (_buffer.Length < length)
            _buffer = new char[Math.Max(length, _buffer.Length * 2)];
        return _buffer;
    }

    /// <summary>Counts one more <paramref name="pretoken"/>.</summary>
    public void Add(ReadOnlySpan<char> pretoken) => CollectionsMarshal.GetValueRefOrAddDefault(_lookup, pretoken, out _)++;

    /// <summary>Adds <paramref name="counts"/> to these.</summary>
    public void AddCounts(IReadOnlyDictionary<string, long> counts)
    {
        foreach ((string word, long count) in counts)
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, word, out _) += count;
    }
}
