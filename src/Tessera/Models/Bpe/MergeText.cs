namespace Tessera.Models.Bpe;

/// <summary>
/// A merge as two byte ranges of the text it was read from: a range whose start is negative (<c>~start</c>) is in a
/// second buffer instead, where parts written with escapes are kept unescaped.
/// </summary>
internal readonly record struct MergeText(int LeftStart, int LeftLength, int RightStart, int RightLength)
{
    public ReadOnlySpan<byte> Left(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped) => Range(text, unescaped, LeftStart, LeftLength);

    public ReadOnlySpan<byte> Right(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped) => Range(text, unescaped, RightStart, RightLength);

    /// <summary><see cref="ByteKey.Prefix"/> of the left part (<see cref="ByteKey.PrefixWithin"/>).</summary>
    public ulong LeftPrefix(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped) => PrefixOf(text, unescaped, LeftStart, LeftLength);

    /// <summary><see cref="ByteKey.Prefix"/> of the right part (<see cref="ByteKey.PrefixWithin"/>).</summary>
    public ulong RightPrefix(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped) => PrefixOf(text, unescaped, RightStart, RightLength);

    private static ulong PrefixOf(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped, int start, int length) =>
        start >= 0 ? ByteKey.PrefixWithin(text, start, length) : ByteKey.PrefixWithin(unescaped, ~start, length);

    private static ReadOnlySpan<byte> Range(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped, int start, int length) =>
        start >= 0 ? text.Slice(start, length) : unescaped.Slice(~start, length);
}
