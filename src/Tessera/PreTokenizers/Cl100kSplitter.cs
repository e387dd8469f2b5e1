using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers;

/// <summary>
/// cl100k_base: <c>'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s</c>.
/// See docs/algorithms/pre-tokenizer.md.
/// </summary>
internal struct Cl100kSplitter : IPieceSplitter, IAsciiPieces
{
    private const byte NotPrefix = CharClass.Letter | CharClass.Number | CharClass.NewLine;

    private AsciiWindow _window;

    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start) => _window.NextPiece<Cl100kSplitter>(text, from, out start);

    /// <summary>The piece when it is plain ASCII, found on the classified window (see <see cref="AsciiWindow"/>), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WindowPieceEnd(in AsciiWindow w, ReadOnlySpan<byte> text, int i)
    {
        byte first = text[w.Base + i];
        if (first == (byte)'\'')
            return -1;
        ulong letter = w.Letter;
        int word = AsciiWindow.Has(letter, i) ? i
            : AsciiWindow.Has(w.Blank | w.Punct, i) && AsciiWindow.Has(letter, i + 1) ? i + 1
            : -1;
        if (word >= 0)
            return w.EndOrNone(AsciiWindow.RunEnd(letter, word));
        if (AsciiWindow.Has(w.Punct, i) || (first == (byte)' ' && AsciiWindow.Has(w.Punct, i + 1)))
        {
            int end = w.EndOrNone(AsciiWindow.RunEnd(w.Punct, i + 1));
            return end < 0 ? -1 : Runs.SkipLineBreaks(text, end, slash: false);
        }
        return -1;
    }

    public static int PieceEnd(ReadOnlySpan<byte> text, int start) => PieceEnd(text, start, maxDigits: 3, olderForm: false);

    /// <summary>
    /// The piece at <paramref name="start"/>, numbers cut into runs of at most <paramref name="maxDigits"/> (3 here, 1
    /// for Qwen). The pattern's older form (<see cref="Formats.Tiktoken.TiktokenPatterns.Cl100kOlderForm"/>, in Llama 3's
    /// and Qwen's tokenizer.json) ends white space with <c>\s*[\r\n]+|\s+(?!\S)|\s+</c>: with
    /// <paramref name="olderForm"/> a run that reaches the end of the text still ends after its last line break, where
    /// the current form's <c>\s++$</c> takes the whole run.
    /// </summary>
    public static int PieceEnd(ReadOnlySpan<byte> text, int start, int maxDigits, bool olderForm)
    {
        byte c = CharClass.At(text, start, out int len);
        if ((c & CharClass.Letter) != 0)
            return Runs.Skip(text, start + len, CharClass.Letter);

        int contraction = Runs.Contraction(text, start, ignoreCase: true);
        if (contraction >= 0)
            return contraction;

        if ((c & NotPrefix) == 0 && (CharClass.At(text, start + len, out _) & CharClass.Letter) != 0)
            return Runs.Skip(text, start + len, CharClass.Letter);

        if ((c & CharClass.Number) != 0)
            return Runs.SkipAtMost(text, start, CharClass.Number, maxDigits);

        int punct = text[start] == (byte)' ' && (CharClass.At(text, start + 1, out _) & CharClass.Other) != 0 ? start + 1
            : (c & CharClass.Other) != 0 ? start : -1;
        if (punct >= 0)
            return Runs.SkipLineBreaks(text, Runs.Skip(text, punct, CharClass.Other), slash: false);

        var run = new WhitespaceRun(text, start);
        if (run.End == text.Length && !(olderForm && run.LastNewLineEnd >= 0))
            return run.End;
        if (run.LastNewLineEnd >= 0)
            return run.LastNewLineEnd;
        return run.AllButLastOrOne(start, len);
    }
}
