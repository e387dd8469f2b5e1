
namespace Tessera.PreTokenizers;

/// <summary>
/// The whitespace run that starts a piece: where it ends, where its last character starts, and where its last
/// line break ends. The whitespace alternatives of every tiktoken pattern are decided from these three positions.
/// </summary>
internal readonly ref struct WhitespaceRun
{
    /// <summary>Exclusive end of the maximal run of <c>\s</c>.</summary>
    public readonly int End;
    /// <summary>Start of the last character of the run.</summary>
    public readonly int LastStart;
    /// <summary>Exclusive end of the last <c>\r</c> or <c>\n</c> in the run, or -1 when it has none.</summary>
    public readonly int LastNewLineEnd;

    public WhitespaceRun(ReadOnlySpan<byte> text, int start)
    {
        int p = start, last = start, newLineEnd = -1;
        while (true)
        {
            byte c = CharClass.At(text, p, out int len);
            if ((c & CharClass.Space) == 0)
                break;
            last = p;
            p += len;
            if ((c & CharClass.NewLine) != 0)
                newLineEnd = p;
        }
        End = p;
        LastStart = last;
        LastNewLineEnd = newLineEnd;
    }

    /// <summary><c>\s+(?!\S)|\s</c> where the run does not reach the end: all but the last character, or just one.</summary>
    public int AllButLastOrOne(int start, int firstLength) => LastStart > start ? LastStart : start + firstLength;
}
