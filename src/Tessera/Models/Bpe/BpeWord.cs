namespace Tessera.Models.Bpe;

/// <summary>
/// One word being merged by a Hugging Face BPE model: symbols linked by index, merged by the pair of ids with the
/// lowest merge rank, leftmost on ties, from a heap with lazy invalidation (<c>word.rs</c>'s <c>merge_all</c>), with
/// optional dropout (a popped merge is skipped with probability p, and skipped merges return after the next merge).
/// </summary>
internal sealed class BpeWord
{
    private readonly List<Symbol> _symbols = [];

    private struct Symbol
    {
        public int Id;
        public int Prev;
        public int Next;
        public int Length; // bytes; 0 once merged into its left neighbour
    }

    /// <summary>Appends a symbol covering <paramref name="length"/> bytes.</summary>
    public void Add(int id, int length)
    {
        int index = _symbols.Count;
        if (index > 0)
        {
            Symbol last = _symbols[index - 1];
            last.Next = index;
            _symbols[index - 1] = last;
        }
        _symbols.Add(new Symbol { Id = id, Prev = index - 1, Next = -1, Length = length });
    }

    /// <summary>Merges until no pair of <paramref name="merges"/> is left (or dropout skips them all).</summary>
    public void MergeAll(MergeRanks merges, float dropout)
    {
        var queue = new PriorityQueue<(int Pos, int NewId), (int Rank, int Pos)>(_symbols.Count);
        for (int i = 0; i + 1 < _symbols.Count; i++)
            if (TryFind(merges, _symbols[i].Id, _symbols[i + 1].Id, out var merge))
                queue.Enqueue((i, merge.NewId), (merge.Rank, i));

        var skipped = new List<((int, int), (int, int))>();
        while (queue.TryDequeue(out var top, out var priority))
        {
            if (dropout > 0 && Random.Shared.NextSingle() < dropout)
            {
                skipped.Add((top, priority));
                continue;
            }
            foreach (var entry in skipped)
                queue.Enqueue(entry.Item1, entry.Item2);
            skipped.Clear();

            Symbol current = _symbols[top.Pos];
            if (current.Length == 0 || current.Next < 0)
                continue;
            int nextPos = current.Next;
            Symbol right = _symbols[nextPos];
            if (!TryFind(merges, current.Id, right.Id, out var check) || check.NewId != top.NewId)
                continue;

            current.Id = top.NewId;
            current.Length += right.Length;
            current.Next = right.Next;
            right.Length = 0;
            _symbols[nextPos] = right;
            if (current.Next >= 0)
            {
                Symbol after = _symbols[current.Next];
                after.Prev = top.Pos;
                _symbols[current.Next] = after;
            }
            _symbols[top.Pos] = current;

            if (current.Prev >= 0 && TryFind(merges, _symbols[current.Prev].Id, current.Id, out var left))
                queue.Enqueue((current.Prev, left.NewId), (left.Rank, current.Prev));
            if (current.Next >= 0 && TryFind(merges, current.Id, _symbols[current.Next].Id, out var next))
                queue.Enqueue((top.Pos, next.NewId), (next.Rank, top.Pos));
        }
    }

    /// <summary>
    /// Appends the remaining symbols as tokens, offsets from byte 0 of the word and within its
    /// <paramref name="wordBytes"/> (byte pieces can spell more than the word: a continuing-subword prefix and an
    /// end-of-word suffix too, as Hugging Face's byte fallback does; those end at the word's end).
    /// </summary>
    public void AppendTokens(List<Token> output, int wordBytes)
    {
        int offset = 0;
        for (int i = 0; i < _symbols.Count; i++)
        {
            Symbol symbol = _symbols[i];
            if (symbol.Length == 0)
                continue;
            output.Add(new Token(symbol.Id, Math.Min(offset, wordBytes), Math.Min(offset + symbol.Length, wordBytes)));
            offset += symbol.Length;
        }
    }

    private static bool TryFind(MergeRanks merges, int left, int right, out (int Rank, int NewId) merge)
    {
        long found = merges.Find(left, right);
        merge = ((int)(found >> 32), MergeRanks.NewIdOf(found));
        return found != MergeRanks.None;
    }
}
