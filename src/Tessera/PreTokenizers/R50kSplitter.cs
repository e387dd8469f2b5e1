using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers;

/// <summary>
/// r50k_base and p50k_base (GPT-2):
/// <c>'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s</c>.
/// See docs/algorithms/pre-tokenizer.md.
/// </summary>
internal struct R50kSplitter : IPieceSplitter, IAsciiPieces
{
    private AsciiWindow _window;

    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start) => _window.NextPiece<R50kSplitter>(text, from, out start);

    /// <summary>The piece when it is plain ASCII, found on the classified window (see <see cref="AsciiWindow"/>), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WindowPieceEnd(in AsciiWindow w, ReadOnlySpan<byte> text, int i)
    {
        byte first = text[w.Base + i];
        if (first == (byte)'\'')
            return -1;
        int run = first == (byte)' ' ? i + 1 : i;
        ulong letter = w.Letter;
        if (AsciiWindow.Has(letter, run))
            return w.EndOrNone(AsciiWindow.RunEnd(letter, run));
        if (AsciiWindow.Has(w.Punct, run) && (run == i || text[w.Base + run] != (byte)'\''))
            return w.EndOrNone(AsciiWindow.RunEnd(w.Punct, run));
        return -1;
    }

    public static int PieceEnd(ReadOnlySpan<byte> text, int start)
    {
        int contraction = Runs.Contraction(text, start, ignoreCase: false);
        if (contraction >= 0)
            return contraction;

        byte c = CharClass.At(text, start, out int len);
        int runStart = start;
        if (text[start] == (byte)' ')
        {
            byte next = CharClass.At(text, start + 1, out _);
            if ((next & (CharClass.Letter | CharClass.Number | CharClass.Other)) != 0)
            {
                c = next;
                runStart = start + 1;
            }
        }
        if ((c & CharClass.Letter) != 0)
            return Runs.Skip(text, runStart, CharClass.Letter);
        if ((c & CharClass.Number) != 0)
            return Runs.Skip(text, runStart, CharClass.Number);
        if ((c & CharClass.Other) != 0)
            return Runs.Skip(text, runStart, CharClass.Other);

        var run = new WhitespaceRun(text, start);
        return run.End == text.Length ? run.End : run.AllButLastOrOne(start, len);
    }
}
