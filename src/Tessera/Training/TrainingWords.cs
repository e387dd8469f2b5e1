namespace Tessera.Training;

/// <summary>
/// The distinct pre-tokens during BPE training, each a run of symbols (token ids) in one array shared by all, with the
/// symbols' lengths in characters beside them when a maximum token length asks for them (a list per word held four
/// times the memory). Merging a pair in a word reports the pair counts it changes, as Hugging Face's
/// <c>Word::merge</c> does, so the trainer updates its counts by difference instead of recounting.
/// </summary>
internal sealed class TrainingWords
{
    private readonly int[] _ids;
    private readonly int[]? _lengths;
    private readonly int[] _start;
    private readonly int[] _count;

    /// <summary>Words of the given symbol ids (<paramref name="ids"/>[<paramref name="start"/>[w]..][..<paramref name="count"/>[w]]), each symbol one character long.</summary>
    public TrainingWords(int[] ids, int[] start, int[] count, bool withLengths)
    {
        _ids = ids;
        _start = start;
        _count = count;
        if (withLengths)
            Array.Fill(_lengths = new int[ids.Length], 1);
    }

    public int Count => _start.Length;

    /// <summary>The symbols of all the words when they were made (one per character).</summary>
    public int SymbolCount => _ids.Length;

    /// <summary>The symbols of word <paramref name="word"/>.</summary>
    public ReadOnlySpan<int> Symbols(int word) => _ids.AsSpan(_start[word], _count[word]);

    /// <summary>
    /// Replaces every occurrence of <paramref name="left"/> then <paramref name="right"/> in word <paramref name="word"/>,
    /// left to right and without overlap, by <paramref name="merged"/>; adds to <paramref name="changes"/> each pair
    /// lost (-1) and each pair made (+1) next to a replacement, a made pair only when its token would be shorter than
    /// <paramref name="maxLength"/> characters.
    /// </summary>
    public void Merge(int word, int left, int right, int merged, int maxLength, List<(long Pair, int Change)> changes)
    {
        int start = _start[word];
        Span<int> ids = _ids.AsSpan(start, _count[word]);
        Span<int> lengths = _lengths is null ? default : _lengths.AsSpan(start, ids.Length);
        int count = ids.Length;
        for (int i = 0; i < count; i++)
        {
            if (ids[i] != left || i + 1 >= count || ids[i + 1] != right)
                continue;
            int length = LengthAt(lengths, i) + LengthAt(lengths, i + 1);
            if (i > 0)
            {
                changes.Add((PairKey.Of(ids[i - 1], left), -1));
                if (LengthAt(lengths, i - 1) + length < maxLength)
                    changes.Add((PairKey.Of(ids[i - 1], merged), 1));
            }
            ids[i] = merged;
            ids[(i + 2)..count].CopyTo(ids[(i + 1)..]);
            if (!lengths.IsEmpty)
            {
                lengths[i] = length;
                lengths[(i + 2)..count].CopyTo(lengths[(i + 1)..]);
            }
            count--;
            if (i < count - 1)
            {
                changes.Add((PairKey.Of(right, ids[i + 1]), -1));
                if (LengthAt(lengths, i + 1) + length < maxLength)
                    changes.Add((PairKey.Of(merged, ids[i + 1]), 1));
            }
        }
        _count[word] = count;
    }

    private static int LengthAt(Span<int> lengths, int i) => lengths.IsEmpty ? 1 : lengths[i];
}
