namespace Tessera.PreTokenizers;

/// <summary>
/// Qwen 2 and 3: cl100k's pattern (its older form) with every digit a piece of its own (<c>\p{N}</c> for
/// <c>\p{N}{1,3}</c>); the rest is <see cref="Cl100kSplitter"/>'s. See docs/algorithms/pre-tokenizer.md.
/// </summary>
internal struct QwenSplitter : IPieceSplitter, IAsciiPieces
{
    private AsciiWindow _window;

    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start) => _window.NextPiece<QwenSplitter>(text, from, out start);

    public static int WindowPieceEnd(in AsciiWindow w, ReadOnlySpan<byte> text, int i) => Cl100kSplitter.WindowPieceEnd(w, text, i);

    public static int PieceEnd(ReadOnlySpan<byte> text, int start) => Cl100kSplitter.PieceEnd(text, start, maxDigits: 1, olderForm: true);
}
