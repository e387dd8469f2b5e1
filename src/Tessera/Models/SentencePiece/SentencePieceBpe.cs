namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's BPE encoder over a whole normalized text. SentencePiece merges the whole text at once; when no
/// piece (and no user-defined symbol) has "▁" anywhere but at its start, no merge can cross the start of a "▁", so the
/// text is cut there and each word merged alone, with the same result (the merges inside a word keep their relative
/// order, leftmost-first included), and words already seen come from a per-thread cache. Likewise before a "▁" that
/// can only end pieces (<c>treat_whitespace_as_suffix</c>). Otherwise, and for models with UNUSED pieces (whose
/// split-back record spans the whole text), the whole text is merged with the heap.
/// </summary>
internal sealed class SentencePieceBpe
{
    private enum Cut { None, BeforeSpace, AfterSpace }

    private readonly SentencePieceVocabulary _vocabulary;
    private readonly Cut _cut;
    private readonly ThreadLocal<WordCache> _cache = new(() => new WordCache());
    private readonly int[] _pieceLengths;

    public SentencePieceBpe(SentencePieceVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _pieceLengths = new int[vocabulary.Count];
        for (int id = 0; id < vocabulary.Count; id++)
            _pieceLengths[id] = vocabulary.Piece(id).Length;
        bool spaceInside = false, spaceNotAtEnd = false, spaceNotAtStart = false;
        for (int id = 0; id < vocabulary.Count; id++)
        {
            if (vocabulary.TypeOf(id) is not (Formats.SentencePiece.PieceType.Normal or Formats.SentencePiece.PieceType.UserDefined
                or Formats.SentencePiece.PieceType.Unused))
                continue;
            ReadOnlySpan<byte> piece = vocabulary.Piece(id);
            for (int at = piece.IndexOf(Utf8Rules.SpaceSymbol); at >= 0;)
            {
                spaceNotAtStart |= at > 0;
                spaceNotAtEnd |= at + 3 < piece.Length;
                spaceInside |= at > 0 && at + 3 < piece.Length;
                int nextAt = piece[(at + 3)..].IndexOf(Utf8Rules.SpaceSymbol);
                at = nextAt < 0 ? -1 : at + 3 + nextAt;
            }
            // A user-defined symbol that is not valid UTF-8 could make a character straddle a cut.
            if (vocabulary.TypeOf(id) == Formats.SentencePiece.PieceType.UserDefined && !Utf8Rules.IsValid(piece))
                spaceInside = spaceNotAtStart = spaceNotAtEnd = true;
        }
        _cut = vocabulary.HasUnused || spaceInside ? Cut.None
            : !spaceNotAtStart ? Cut.BeforeSpace
            : !spaceNotAtEnd ? Cut.AfterSpace
            : Cut.None;
    }

    /// <summary>Adds the pieces of <paramref name="text"/> (normalized) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> text, ref int[] scratch, ref PieceOutput output)
    {
        if (text.IsEmpty)
            return;
        if (_cut == Cut.None)
        {
            int used = SentencePieceBpeMerge.MergeByHeap(_vocabulary, text, 0, text.Length, ref scratch, 0);
            Emit(text, 0, scratch.AsSpan(0, used), ref output);
            return;
        }
        WordCache cache = _cache.Value!;
        int start = 0;
        while (start < text.Length)
        {
            int end = NextCut(text, start);
            EncodeWord(text, start, end, cache, ref scratch, ref output);
            start = end;
        }
    }

    /// <summary>The end of the word that starts at <paramref name="start"/>.</summary>
    private int NextCut(ReadOnlySpan<byte> text, int start)
    {
        if (_cut == Cut.BeforeSpace)
        {
            // The word runs to the next "▁" after its first byte.
            int from = start + 1;
            int at = text[from..].IndexOf(Utf8Rules.SpaceSymbol);
            return at < 0 ? text.Length : from + at;
        }
        int space = text[start..].IndexOf(Utf8Rules.SpaceSymbol);
        return space < 0 ? text.Length : start + space + 3;
    }

    private void EncodeWord(ReadOnlySpan<byte> text, int start, int end, WordCache cache, ref int[] scratch, ref PieceOutput output)
    {
        ReadOnlySpan<byte> word = text[start..end];
        bool cacheable = word.Length <= WordCache.MaxWordLength;
        WordCache.Key key = default;
        if (cacheable)
        {
            key = new WordCache.Key(word);
            Span<int> ids = stackalloc int[WordCache.MaxIds];
            int count = cache.TryGet(key, ids);
            if (count > 0)
            {
                int[] lengths = _pieceLengths;
                foreach (int id in ids[..count])
                {
                    output.Add(id, text.Slice(start, lengths[id]));
                    start += lengths[id];
                }
                return;
            }
        }
        int symbols = SentencePieceBpeMerge.CountSymbols(text, start, end, _vocabulary.UserDefined);
        int used;
        if (symbols <= SentencePieceBpeMerge.ScanLimit)
        {
            if (scratch.Length < 2 * symbols)
                scratch = new int[Math.Max(2 * symbols, scratch.Length * 2)];
            used = SentencePieceBpeMerge.MergeByScan(_vocabulary, text, start, end, symbols, scratch, 0);
        }
        else
        {
            used = SentencePieceBpeMerge.MergeByHeap(_vocabulary, text, start, end, ref scratch, 0);
        }
        ReadOnlySpan<int> pieces = scratch.AsSpan(0, used);
        if (cacheable && used <= 2 * WordCache.MaxIds)
        {
            // Cached as ids alone when every piece's length is its id's (no unknown character in the word).
            Span<int> ids = stackalloc int[WordCache.MaxIds];
            bool known = true;
            for (int i = 0; i < used && known; i += 2)
            {
                ids[i / 2] = pieces[i];
                known = _pieceLengths[pieces[i]] == pieces[i + 1];
            }
            if (known)
                cache.Add(key, ids[..(used / 2)]);
        }
        Emit(text, start, pieces, ref output);
    }

    /// <summary>Adds (id, length) pairs that cover text from <paramref name="start"/> on.</summary>
    private static void Emit(ReadOnlySpan<byte> text, int start, ReadOnlySpan<int> pieces, ref PieceOutput output)
    {
        for (int i = 0; i < pieces.Length; i += 2)
        {
            int length = pieces[i + 1];
            output.Add(pieces[i], text.Slice(start, length));
            start += length;
        }
    }
}
