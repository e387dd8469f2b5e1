using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Training;

/// <summary>
/// Counts the pre-tokens of byte-level BPE in text, as Hugging Face's ByteLevel pre-tokenizer makes them (GPT-2's
/// pattern, no prefix space): each match of the pattern, its bytes spelled in GPT-2's byte alphabet. Counts are 64-bit.
/// </summary>
public sealed class ByteLevelPretokenCounter : IPretokenCounter
{
    private readonly PretokenTable _table = new();

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Counts => _table.Counts;

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
    public long MemoryBytes => _table.MemoryBytes;

    /// <inheritdoc/>
    public void Add(string pretoken, long count, long lineEnds) => _table.Add(pretoken, count);

    /// <inheritdoc/>
    public void AddCounts(IPretokenCounter other) => _table.AddCounts(other.Counts);

    /// <inheritdoc/>
    public void Clear() => _table.Clear();

    private void Count(ReadOnlySpan<byte> piece)
    {
        Span<char> spelled = _table.Buffer(piece.Length)[..piece.Length];
        for (int i = 0; i < piece.Length; i++)
            spelled[i] = (char)ByteLevelAlphabet.CharOf(piece[i]); // all below U+0180: one UTF-16 unit
        _table.Add(spelled);
    }
}
