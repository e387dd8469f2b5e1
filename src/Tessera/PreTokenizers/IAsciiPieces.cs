namespace Tessera.PreTokenizers;

/// <summary>The two halves of a hand-written splitter that uses an <see cref="AsciiWindow"/>: see <see cref="AsciiWindow.NextPiece{TPieces}"/>.</summary>
internal interface IAsciiPieces
{
    /// <summary>The end of the piece starting at bit <paramref name="i"/> of the window when the window decides it, or -1.</summary>
    static abstract int WindowPieceEnd(in AsciiWindow window, ReadOnlySpan<byte> text, int i);

    /// <summary>The end of the piece starting at <paramref name="start"/>, found byte by byte (every case).</summary>
    static abstract int PieceEnd(ReadOnlySpan<byte> text, int start);
}
