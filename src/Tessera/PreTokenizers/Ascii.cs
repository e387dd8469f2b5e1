using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers;

/// <summary>Byte classes for the splitters' ASCII fast paths; every non-ASCII byte is <see cref="NonAscii"/>.</summary>
internal static class Ascii
{
    public const byte Upper = 1;
    public const byte Lower = 2;
    public const byte Digit = 4;
    /// <summary>Whitespace other than <c>\r</c> and <c>\n</c>: may prefix a word.</summary>
    public const byte Blank = 8;
    public const byte NewLine = 16;
    /// <summary><c>[^\s\p{L}\p{N}]</c> within ASCII (controls included).</summary>
    public const byte Punct = 32;
    public const byte NonAscii = 64;
    public const byte Letter = Upper | Lower;

    private static ReadOnlySpan<byte> Table => [
        // 0x00-0x1F: controls; \t \v \f are blanks, \n \r new lines
        32, 32, 32, 32, 32, 32, 32, 32, 32, 8, 16, 8, 8, 16, 32, 32,
        32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
        // space ! " # $ % & ' ( ) * + , - . /
        8, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 32, 32, 32, 32, 32, 32,
        32, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 32, 32, 32, 32, 32,
        32, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 32, 32, 32, 32, 32,
    ];

    /// <summary>The class of the byte at <paramref name="i"/>; 0 past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> text, int i)
    {
        if ((uint)i >= (uint)text.Length)
            return 0;
        byte b = text[i];
        return b < 0x80 ? Table[b] : NonAscii;
    }

    /// <summary>The end of the run of bytes whose class has any of <paramref name="flags"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Skip(ReadOnlySpan<byte> text, int p, byte flags)
    {
        while ((At(text, p) & flags) != 0)
            p++;
        return p;
    }
}
