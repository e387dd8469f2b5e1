namespace Tessera.Models.SentencePiece;

/// <summary>
/// The words of a text in order (<see cref="WordCuts"/>), each with its <see cref="WordCache"/> key, one word ahead:
/// the next word's key is made and its cache slot prefetched while the caller looks up and emits the current one, so
/// the slot's cache miss overlaps with that work.
/// </summary>
internal ref struct WordWalk
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly WordCut _cut;
    private readonly WordCache _cache;
    private int _nextEnd;
    private WordCache.Key _nextKey;

    public WordWalk(ReadOnlySpan<byte> text, WordCut cut, WordCache cache)
    {
        _text = text;
        _cut = cut;
        _cache = cache;
        End = 0;
        _nextEnd = WordCuts.NextCut(text, 0, cut);
        _nextKey = KeyOf(0, _nextEnd);
        cache.Prefetch(_nextKey);
    }

    /// <summary>The current word is <c>text[Start..End]</c>.</summary>
    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>The current word's key (empty for a word too long to cache).</summary>
    public WordCache.Key Key { get; private set; }

    /// <summary>Moves to the next word, and prefetches the slot of the one after it; false at the end of the text.</summary>
    public bool MoveNext()
    {
        if (End >= _text.Length)
            return false;
        (Start, End, Key) = (End, _nextEnd, _nextKey);
        _nextEnd = End < _text.Length ? WordCuts.NextCut(_text, End, _cut) : End;
        _nextKey = KeyOf(End, _nextEnd);
        _cache.Prefetch(_nextKey);
        return true;
    }

    private readonly WordCache.Key KeyOf(int start, int end) =>
        end - start is > 0 and <= WordCache.MaxWordLength ? new WordCache.Key(_text[start..end]) : default;
}
