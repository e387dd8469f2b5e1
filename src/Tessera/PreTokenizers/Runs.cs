using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers;

/// <summary>Scanning helpers shared by the hand-written splitters.</summary>
internal static class Runs
{
    /// <summary>The end of the run of characters having any of <paramref name="flags"/>, from <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Skip(ReadOnlySpan<byte> text, int p, byte flags)
    {
        while (true)
        {
            if ((CharClass.At(text, p, out int len) & flags) == 0)
                return p;
            p += len;
        }
    }

    /// <summary>The end of at most <paramref name="max"/> characters having any of <paramref name="flags"/>.</summary>
    public static int SkipAtMost(ReadOnlySpan<byte> text, int p, byte flags, int max)
    {
        for (int n = 0; n < max; n++)
        {
            if ((CharClass.At(text, p, out int len) & flags) == 0)
                return p;
            p += len;
        }
        return p;
    }

    /// <summary>The end of the run of bytes equal to <c>\r</c> or <c>\n</c> (or <c>/</c> when <paramref name="slash"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipLineBreaks(ReadOnlySpan<byte> text, int p, bool slash)
    {
        while ((uint)p < (uint)text.Length && (text[p] is (byte)'\r' or (byte)'\n' || (slash && text[p] == (byte)'/')))
            p++;
        return p;
    }

    /// <summary>
    /// The end of an English contraction starting at <paramref name="p"/> (an apostrophe followed by
    /// s, d, m, t, ll, ve or re), or -1. <paramref name="ignoreCase"/> folds case as Rust's <c>(?i)</c> does,
    /// so <c>S</c> and <c>ſ</c> (U+017F) match <c>s</c>.
    /// </summary>
    public static int Contraction(ReadOnlySpan<byte> text, int p, bool ignoreCase)
    {
        if ((uint)(p + 1) >= (uint)text.Length || text[p] != (byte)'\'')
            return -1;
        byte a = text[p + 1];
        if (ignoreCase)
        {
            if (a == 0xC5 && p + 2 < text.Length && text[p + 2] == 0xBF)
                return p + 3; // ſ LATIN SMALL LETTER LONG S folds to s
            a = ToLowerAscii(a);
        }
        if (a is (byte)'s' or (byte)'d' or (byte)'m' or (byte)'t')
            return p + 2;
        if (p + 2 >= text.Length)
            return -1;
        byte b = ignoreCase ? ToLowerAscii(text[p + 2]) : text[p + 2];
        return (a, b) is ((byte)'l', (byte)'l') or ((byte)'v', (byte)'e') or ((byte)'r', (byte)'e') ? p + 3 : -1;
    }

    private static byte ToLowerAscii(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
}
