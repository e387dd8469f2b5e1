using System.Runtime.CompilerServices;
using static Tessera.PreTokenizers.DeepSeekChars;

namespace Tessera.PreTokenizers;

/// <summary>
/// DeepSeek V3's pre-tokenizer, a Sequence of three Isolated Splits (<see cref="Patterns"/>), as one hand-written
/// splitter: the pieces <see cref="ChainSplitter"/> cuts with the regex engine, found with a table of character
/// classes (<see cref="DeepSeekChars"/>). The first two patterns cut the text into segments (numbers of up to three
/// digits; runs of CJK and kana; the text between), and the third cuts each segment, seeing it as its whole text. See
/// docs/algorithms/pre-tokenizer.md.
/// </summary>
internal struct DeepSeekSplitter : IPieceSplitter
{
    /// <summary>The three Split patterns, as DeepSeek V3's tokenizer.json writes them.</summary>
    public static readonly string[] Patterns =
    [
        "\\p{N}{1,3}",
        "[\u4E00-\u9FA5\u3040-\u309F\u30A0-\u30FF]+",
        "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
    ];

    /// <summary>Whether <paramref name="patterns"/> are DeepSeek V3's three.</summary>
    public static bool IsDeepSeek(IReadOnlyList<string> patterns) => patterns.SequenceEqual(Patterns);

    private int _segmentEnd; // the end of the segment the last piece was cut from

    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start)
    {
        start = from;
        if (from >= text.Length)
            return -1;
        if (from >= _segmentEnd)
        {
            _segmentEnd = SegmentEnd(text, from, out bool number);
            if (number)
                return _segmentEnd; // the third pattern matches nothing in a number: the whole of it is one piece
        }
        return PieceEnd(text[.._segmentEnd], from);
    }

    /// <summary>
    /// The end of the segment starting at <paramref name="from"/>: up to three numbers (the first pattern, leftmost
    /// first), else a run of characters in the second pattern's class or a run of others, up to the next number.
    /// </summary>
    private static int SegmentEnd(ReadOnlySpan<byte> text, int from, out bool number)
    {
        byte c = At(text, from, out int length);
        int p = from + length;
        number = (c & Number) != 0;
        if (number)
        {
            for (int n = 1; n < 3 && (At(text, p, out length) & Number) != 0; n++)
                p += length;
            return p;
        }
        byte kind = (byte)(c & Cjk);
        while (p < text.Length)
        {
            byte next = At(text, p, out length);
            if ((next & Number) != 0 || (next & Cjk) != kind)
                break;
            p += length;
        }
        return p;
    }

    /// <summary>
    /// The end of the piece of <paramref name="segment"/> (a segment, ending where the text ends) at
    /// <paramref name="from"/>: the third pattern's leftmost match, or the text before it when it starts later.
    /// </summary>
    private static int PieceEnd(ReadOnlySpan<byte> segment, int from)
    {
        for (int at = from; at < segment.Length;)
        {
            int end = MatchEnd(segment, at, out int length);
            if (end >= 0)
                return at == from ? end : at;
            at += length;
        }
        return segment.Length;
    }

    /// <summary>
    /// The end of the third pattern's match at <paramref name="at"/>, or -1, with the length of the character there.
    /// The alternatives in order:
    /// <c>[!"#$%&amp;'()*+,\-./:;&lt;=&gt;?@\[\\\]^_`{|}~][A-Za-z]+</c>,
    /// <c>[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+</c>, <c> ?[\p{P}\p{S}]+[\r\n]*</c>, <c>\s*[\r\n]+</c>,
    /// <c>\s+(?!\S)</c>, <c>\s+</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchEnd(ReadOnlySpan<byte> text, int at, out int length)
    {
        byte b = text[at];
        if (IsAsciiPunctuation(b) && at + 1 < text.Length && char.IsAsciiLetter((char)text[at + 1]))
        {
            length = 1;
            int end = at + 2;
            while (end < text.Length && char.IsAsciiLetter((char)text[end]))
                end++;
            return end;
        }
        byte c = At(text, at, out length);
        // A letter or mark starts a word; any other character that is not a line break, punctuation or a symbol may
        // lead one (a mark may too, which makes the same word).
        if ((c & (Letter | Mark)) != 0)
            return Skip(text, at + length, Letter | Mark);
        byte next = At(text, at + length, out int nextLength);
        if ((c & (NewLine | Punct | Symbol)) == 0 && (next & (Letter | Mark)) != 0)
            return Skip(text, at + length + nextLength, Letter | Mark);
        if (b == (byte)' ' && (next & (Punct | Symbol)) != 0)
            return Runs.SkipLineBreaks(text, Skip(text, at + 1, Punct | Symbol), slash: false);
        if ((c & (Punct | Symbol)) != 0)
            return Runs.SkipLineBreaks(text, Skip(text, at, Punct | Symbol), slash: false);
        if ((c & Space) == 0)
            return -1;
        var run = new WhitespaceRun(text, at);
        if (run.LastNewLineEnd >= 0)
            return run.LastNewLineEnd;
        return run.End == text.Length ? run.End : run.AllButLastOrOne(at, length);
    }

    /// <summary>The end of the run of characters having any of <paramref name="flags"/>, from <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Skip(ReadOnlySpan<byte> text, int p, byte flags)
    {
        while (true)
        {
            if ((At(text, p, out int length) & flags) == 0)
                return p;
            p += length;
        }
    }

    /// <summary>The first alternative's class: ASCII punctuation and symbols.</summary>
    private static bool IsAsciiPunctuation(byte b) => b is (>= 0x21 and <= 0x2F) or (>= 0x3A and <= 0x40) or (>= 0x5B and <= 0x60) or (>= 0x7B and <= 0x7E);
}
