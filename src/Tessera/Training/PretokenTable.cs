using System.Runtime.InteropServices;

namespace Tessera.Training;

/// <summary>
/// The counts a pre-token counter keeps: each distinct pre-token (as the model's characters) and how often it was seen,
/// looked up by a span of characters (no string is made for a pre-token seen before), with a buffer to spell one in,
/// and an estimate of the memory the table holds (for the counting budget).
/// </summary>
internal sealed class PretokenTable
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _buffer = new char[256];

    public PretokenTable() => _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>About the bytes the table holds: <see cref="EntryBytes"/> for each pre-token.</summary>
    public long MemoryBytes { get; private set; }

    /// <summary>
    /// About the bytes one entry of <paramref name="length"/> characters takes: its string (a 24-byte header and two bytes
    /// a character) and its slot in the dictionary (24 bytes and a 4-byte bucket, twice that just after the dictionary grows).
    /// </summary>
    public static long EntryBytes(int length) => 80 + 2L * length;

    /// <summary>Room for a pre-token of up to <paramref name="length"/> characters, valid until the next call.</summary>
    public Span<char> Buffer(int length)
    {
        if (_buffer.Length < length)
            _buffer = new char[Math.Max(length, _buffer.Length * 2)];
        return _buffer;
    }

    /// <summary>Counts one more <paramref name="pretoken"/>.</summary>
    public void Add(ReadOnlySpan<char> pretoken)
    {
        ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, pretoken, out bool seen);
        if (!seen)
            MemoryBytes += EntryBytes(pretoken.Length);
        count++;
    }

    /// <summary>Counts <paramref name="count"/> more <paramref name="pretoken"/>.</summary>
    public void Add(string pretoken, long count)
    {
        ref long total = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, pretoken, out bool seen);
        if (!seen)
            MemoryBytes += EntryBytes(pretoken.Length);
        total = checked(total + count);
    }

    /// <summary>Adds <paramref name="counts"/> to these.</summary>
    public void AddCounts(IReadOnlyDictionary<string, long> counts)
    {
        foreach ((string word, long count) in counts)
            Add(word, count);
    }

    /// <summary>Forgets every count (the table's memory is let go).</summary>
    public void Clear()
    {
        _counts.Clear();
        _counts.TrimExcess();
        MemoryBytes = 0;
    }
}
