namespace Tessera.PreTokenizers;

/// <summary>
/// cl100k's pattern in its older form (<see cref="Formats.Tiktoken.TiktokenPatterns.Cl100kOlderForm"/>: Llama 3's and
/// GPT-3.5's tokenizer.json), which differs from the current one only where white space with a line break reaches the
/// end of the text; the rest is <see cref="Cl100kSplitter"/>'s. See docs/algorithms/pre-tokenizer.md.
/// </summary>
internal struct Cl100kOlderSplitter : IPieceSplitter, IAsciiPieces
{
    private AsciiWindow _window;

    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start) => _window.NextPiece<Cl100kOlderSplitter>(text, from, out start);

    public static int WindowPieceEnd(in AsciiWindow w, ReadOnlySpan<byte> text, int i) => Cl100kSplitter.WindowPieceEnd(w, text, i);

    public static int PieceEnd(ReadOnlySpan<byte> text, int start) => Cl100kSplitter.PieceEnd(text, start, maxDigits: 3, olderForm: true);
}
