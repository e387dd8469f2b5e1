namespace Tessera.Models.Bpe;

/// <summary>
/// A merge as two byte ranges of the text it was read from: a range whose start is negative (<c>~start</c>) is in a
/// second buffer instead, where parts written with escapes are kept unescaped.
/// </summary>
internal readonly record struct MergeText(int LeftStart, int LeftLength, int RightStart, int RightLength)
{
    public ReadOnlySpan<byte> Left(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped) => Range(text, unescaped, LeftStart, LeftLength);

    public ReadOnlySpan<byte> Right(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped) => Range(text, unescaped, RightStart, RightLength);

    private static ReadOnlySpan<byte> Range(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped, int start, int length) =>
        start >= 0 ? text.Slice(start, length) : unescaped.Slice(~start, length);
}
