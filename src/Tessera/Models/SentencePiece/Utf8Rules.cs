using System.Runtime.CompilerServices;

namespace Tessera.Models.SentencePiece;

/// <summary>SentencePiece's UTF-8 rules (util.h): character lengths by lead byte, and what counts as valid.</summary>
internal static class Utf8Rules
{
    /// <summary>U+2581 LOWER ONE EIGHTH BLOCK, the whitespace symbol.</summary>
    public static ReadOnlySpan<byte> SpaceSymbol => "\u2581"u8;

    /// <summary>U+FFFD REPLACEMENT CHARACTER.</summary>
    public static ReadOnlySpan<byte> Replacement => "\uFFFD"u8;

    /// <summary>
    /// <c>OneCharLen</c>: the length a lead byte announces (1 for ASCII and for continuation bytes, 2 for C0-DF, 3
    /// for E0-EF, 4 for F0-FF), not checked against what follows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int OneCharLength(byte lead) => lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;

    /// <summary><c>OneCharLen</c> capped at the bytes left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CharLength(ReadOnlySpan<byte> text, int at) => Math.Min(OneCharLength(text[at]), text.Length - at);

    /// <summary>
    /// <c>IsValidDecodeUTF8</c>: the length of the well-formed character at the start of <paramref name="text"/>
    /// (no overlong forms, no surrogates, nothing above U+10FFFF), or 0 when it is malformed (then SentencePiece
    /// consumes one byte and writes U+FFFD).
    /// </summary>
    public static int ValidLength(ReadOnlySpan<byte> text)
    {
        int len = text.Length;
        byte b0 = text[0];
        if (b0 < 0x80)
            return 1;
        if (len >= 2 && (b0 & 0xE0) == 0xC0)
        {
            int cp = ((b0 & 0x1F) << 6) | (text[1] & 0x3F);
            return IsTrail(text[1]) && cp >= 0x80 ? 2 : 0;
        }
        if (len >= 3 && (b0 & 0xF0) == 0xE0)
        {
            int cp = ((b0 & 0x0F) << 12) | ((text[1] & 0x3F) << 6) | (text[2] & 0x3F);
            return IsTrail(text[1]) && IsTrail(text[2]) && cp >= 0x800 && cp is < 0xD800 or > 0xDFFF ? 3 : 0;
        }
        if (len >= 4 && (b0 & 0xF8) == 0xF0)
        {
            int cp = ((b0 & 0x07) << 18) | ((text[1] & 0x3F) << 12) | ((text[2] & 0x3F) << 6) | (text[3] & 0x3F);
            return IsTrail(text[1]) && IsTrail(text[2]) && IsTrail(text[3]) && cp is >= 0x10000 and <= 0x10FFFF ? 4 : 0;
        }
        return 0;
    }

    /// <summary>Whether every character of <paramref name="text"/> is well formed by <see cref="ValidLength"/>.</summary>
    public static bool IsValid(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length;)
        {
            int n = ValidLength(text[i..]);
            if (n == 0)
                return false;
            i += n;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTrail(byte b) => (b & 0xC0) == 0x80;
}
