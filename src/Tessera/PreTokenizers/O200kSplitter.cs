using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers;

/// <summary>
/// o200k_base:
/// <c>[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?</c>
/// <c>|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?</c>
/// <c>|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>.
/// These quantifiers are not possessive, so the first two alternatives are resolved in the order a backtracking
/// engine tries them; see docs/algorithms/pre-tokenizer.md.
/// </summary>
internal struct O200kSplitter : IPieceSplitter, IAsciiPieces
{
    private AsciiWindow _window;

    private const byte NotPrefix = CharClass.Letter | CharClass.Number | CharClass.NewLine;
    private const byte Both = CharClass.Upper | CharClass.Lower;

    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start) => _window.NextPiece<O200kSplitter>(text, from, out start);

    /// <summary>
    /// The piece when it is plain ASCII, found on the classified window: the piece starting at bit <paramref name="i"/> when it is
    /// plain ASCII and ends inside the window, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WindowPieceEnd(in AsciiWindow w, ReadOnlySpan<byte> text, int i)
    {
        ulong letter = w.Letter;
        int word = AsciiWindow.Has(letter, i) ? i
            : AsciiWindow.Has(w.Blank | w.Punct, i) && AsciiWindow.Has(letter, i + 1) ? i + 1
            : -1;
        if (word >= 0)
        {
            int end = w.EndOrNone(AsciiWindow.RunEnd(w.Lower, AsciiWindow.RunEnd(w.Upper, word)));
            return end >= 0 && end < text.Length && text[end] == (byte)'\'' ? WithContraction(text, end) : end;
        }
        if (AsciiWindow.Has(w.Punct, i) || (text[w.Base + i] == (byte)' ' && AsciiWindow.Has(w.Punct, i + 1)))
        {
            int end = w.EndOrNone(AsciiWindow.RunEnd(w.Punct, i + 1));
            return end < 0 ? -1 : Runs.SkipLineBreaks(text, end, slash: true);
        }
        return -1;
    }

    public static int PieceEnd(ReadOnlySpan<byte> text, int start)
    {
        byte c = CharClass.At(text, start, out int len);
        if ((c & CharClass.Letter) != 0)
        {
            // No prefix is possible, and the second alternative always matches a letter.
            int end = CasedWord(text, start);
            return end >= 0 ? end : UpperWord(text, start);
        }

        bool prefix = c != CharClass.End && (c & NotPrefix) == 0;
        if (prefix || (c & Both) != 0)
        {
            int end = prefix ? CasedWord(text, start + len) : -1;
            if (end < 0 && (c & Both) != 0)
                end = CasedWord(text, start);
            if (end < 0 && prefix)
                end = UpperWord(text, start + len);
            if (end < 0 && (c & CharClass.Upper) != 0)
                end = UpperWord(text, start);
            if (end >= 0)
                return end;
        }

        if ((c & CharClass.Number) != 0)
            return Runs.SkipAtMost(text, start, CharClass.Number, 3);

        int punct = text[start] == (byte)' ' && (CharClass.At(text, start + 1, out _) & CharClass.Other) != 0 ? start + 1
            : (c & CharClass.Other) != 0 ? start : -1;
        if (punct >= 0)
            return Runs.SkipLineBreaks(text, Runs.Skip(text, punct, CharClass.Other), slash: true);

        var run = new WhitespaceRun(text, start);
        if (run.LastNewLineEnd >= 0)
            return run.LastNewLineEnd;
        if (run.End == text.Length)
            return run.End;
        return run.AllButLastOrOne(start, len);
    }

    /// <summary>
    /// <c>Upper*Lower+Contraction?</c> from <paramref name="p"/>, as a backtracking engine finds it, or -1.
    /// The greedy <c>Upper*</c> gives characters back until <c>Lower+</c> can start; only Lm, Lo and marks are in both sets.
    /// </summary>
    private static int CasedWord(ReadOnlySpan<byte> text, int p)
    {
        int lastBothEnd = -1;
        while (true)
        {
            byte c = CharClass.At(text, p, out int len);
            if ((c & CharClass.Upper) == 0)
            {
                if ((c & CharClass.Lower) != 0)
                    return WithContraction(text, Runs.Skip(text, p + len, CharClass.Lower));
                return lastBothEnd >= 0 ? WithContraction(text, lastBothEnd) : -1;
            }
            p += len;
            if ((c & CharClass.Lower) != 0)
                lastBothEnd = p;
        }
    }

    /// <summary><c>Upper+Lower*Contraction?</c> from <paramref name="p"/>, or -1.</summary>
    private static int UpperWord(ReadOnlySpan<byte> text, int p)
    {
        if ((CharClass.At(text, p, out _) & CharClass.Upper) == 0)
            return -1;
        int end = Runs.Skip(text, Runs.Skip(text, p, CharClass.Upper), CharClass.Lower);
        return WithContraction(text, end);
    }

    private static int WithContraction(ReadOnlySpan<byte> text, int p)
    {
        int end = Runs.Contraction(text, p, ignoreCase: true);
        return end >= 0 ? end : p;
    }
}
