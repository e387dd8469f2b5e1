using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Training;

/// <summary>
/// Counts the pre-tokens of byte-level BPE in text, as Hugging Face's ByteLevel pre-tokenizer makes them (GPT-2's
/// pattern, no prefix space): each match of the pattern, its bytes spelled in GPT-2's byte alphabet. Counts are 64-bit.
/// </summary>
public sealed class ByteLevelPretokenCounter : IPretokenCounter
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _spelled = new char[256];

    /// <summary>An empty count.</summary>
    public ByteLevelPretokenCounter() => _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<byte> utf8)
    {
        var splitter = default(R50kSplitter);
        for (int from = 0; ;)
        {
            int end = splitter.NextPiece(utf8, from, out int start);
            if (end < 0)
                return;
            Count(utf8[start..end]);
            from = end;
        }
    }

    /// <inheritdoc/>
    public void AddCounts(IPretokenCounter other)
    {
        foreach ((string word, long count) in other.Counts)
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, word, out _) += count;
    }

    private void Count(ReadOnlySpan<byte> piece)
    {
        if (_spelled.Length < piece.Length)
            _spelled = new char[Math.Max(piece.Length, _spelled.Length * 2)];
        Span<char> spelled = _spelled.AsSpan(0, piece.Length);
        for (int i = 0; i < piece.Length; i++)
            spelled[i] = (char)ByteLevelAlphabet.CharOf(piece[i]); // all below U+0180: one UTF-16 unit
        ref long count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lookup, spelled, out _);
        count++;
    }
}
