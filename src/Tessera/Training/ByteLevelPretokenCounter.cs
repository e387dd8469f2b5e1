using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Training;

/// <summary>
/// Counts the pre-tokens of byte-level BPE in text, as Hugging Face's ByteLevel pre-tokenizer makes them (GPT-2's
/// pattern, no prefix space): each match of the pattern, its bytes spelled in GPT-2's byte alphabet. Counts are 64-bit.
/// </summary>
public sealed class ByteLevelPretokenCounter
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _spelled = new char[256];

    /// <summary>An empty count.</summary>
    public ByteLevelPretokenCounter() => _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Each distinct pre-token (in GPT-2's byte alphabet) and how many times it was seen.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Counts the pre-tokens of one text (a line with its line ending, as Hugging Face's trainer reads files), valid UTF-8.</summary>
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

    /// <summary>Adds another counter's counts to this one's.</summary>
    internal void AddCounts(ByteLevelPretokenCounter other)
    {
        foreach ((string word, long count) in other._counts)
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
