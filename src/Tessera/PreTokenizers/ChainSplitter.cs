using Tessera.PreTokenizers.Regex;

namespace Tessera.PreTokenizers;

/// <summary>
/// Hugging Face's Sequence of Split pre-tokenizers, each Isolated (matches and the text between them are pieces), as
/// one splitter: the first pattern cuts the text, the second cuts each of those pieces (seeing only that piece, as its
/// whole text), and so on; the pieces are the last level's. DeepSeek's three Splits run this way. No pattern may match
/// the empty string (<see cref="Compile"/> checks), so every piece is non-empty and no text is dropped.
/// </summary>
internal struct ChainSplitter : IPieceSplitter
{
    /// <summary>
    /// A list of pieces no splitter holds: taken by the next splitter on the thread to cut a piece, given back by one
    /// that reaches the end of its text (one list per thread instead of one per text).
    /// </summary>
    [ThreadStatic] private static List<(int Start, int End)>? t_spare;

    private readonly CodePointRegex[] _patterns;
    private List<(int Start, int End)>? _pending; // taken at the first piece, given back at the end of the text
    private int _next;

    /// <summary>A splitter over compiled patterns (<see cref="Compile"/>); one per text, as it keeps the pieces it has cut.</summary>
    public ChainSplitter(CodePointRegex[] patterns)
    {
        _patterns = patterns;
        _pending = null;
        _next = 0;
    }

    /// <summary>The patterns compiled as tokenizer.json's Split reads them (Oniguruma), or null when one can match the empty string.</summary>
    public static CodePointRegex[]? Compile(IReadOnlyList<string> patterns)
    {
        var compiled = new CodePointRegex[patterns.Count];
        for (int i = 0; i < patterns.Count; i++)
        {
            compiled[i] = CodePointRegex.Parse(patterns[i], RegexDialect.Oniguruma);
            if (compiled[i].Program.CanBeEmpty)
                return null;
        }
        return compiled;
    }

    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start)
    {
        if (_next == (_pending?.Count ?? 0))
        {
            if (from >= text.Length)
            {
                if (_pending is not null)
                    Release();
                start = from;
                return -1;
            }
            if (_pending is null)
            {
                _pending = t_spare ?? [];
                t_spare = null;
            }
            _pending.Clear();
            _next = 0;
            // The first level's next piece: the text before its next match, else the match.
            var first = new RegexSplitter(_patterns[0]);
            int matchEnd = first.NextPiece(text, from, out int matchStart);
            if (matchEnd < 0)
                (matchStart, matchEnd) = (text.Length, text.Length);
            if (matchStart > from)
                Cut(text, from, matchStart, 1);
            if (matchEnd > matchStart)
                Cut(text, matchStart, matchEnd, 1);
        }
        (start, int end) = _pending![_next++];
        if (_next == _pending.Count && end >= text.Length)
            Release(); // the text's last piece: callers stop here, without asking for the end
        return end;
    }

    private void Release()
    {
        t_spare = _pending;
        _pending = null;
        _next = 0;
    }

    /// <summary>Cuts text[start..end] by the patterns from <paramref name="level"/> on, adding the last level's pieces.</summary>
    private readonly void Cut(ReadOnlySpan<byte> text, int start, int end, int level)
    {
        if (level == _patterns.Length)
        {
            _pending!.Add((start, end));
            return;
        }
        ReadOnlySpan<byte> piece = text[start..end];
        var splitter = new RegexSplitter(_patterns[level]);
        for (int at = 0; at < piece.Length;)
        {
            int matchEnd = splitter.NextPiece(piece, at, out int matchStart);
            if (matchEnd < 0)
                (matchStart, matchEnd) = (piece.Length, piece.Length);
            if (matchStart > at)
                Cut(text, start + at, start + matchStart, level + 1);
            if (matchEnd > matchStart)
                Cut(text, start + matchStart, start + matchEnd, level + 1);
            at = matchEnd;
        }
    }
}
