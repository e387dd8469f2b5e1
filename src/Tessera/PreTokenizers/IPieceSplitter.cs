namespace Tessera.PreTokenizers;

/// <summary>
/// Finds the pieces (pre-tokens) of UTF-8 text the way a tiktoken pattern does: successive leftmost-first,
/// non-overlapping matches (Rust's <c>find_iter</c>). Text between matches, if a pattern leaves any, is not encoded.
/// </summary>
/// <remarks>
/// Implemented by structs so the encoder loop is specialised per splitter (no virtual call per piece).
/// <c>text</c> is the whole segment: lookahead and <c>$</c> see its end even when the caller stops early.
/// </remarks>
internal interface IPieceSplitter
{
    /// <summary>
    /// The next non-empty piece at or after <paramref name="from"/>: returns its exclusive end and sets
    /// <paramref name="start"/>, or returns -1 when no piece is left.
    /// </summary>
    int NextPiece(ReadOnlySpan<byte> text, int from, out int start);
}
