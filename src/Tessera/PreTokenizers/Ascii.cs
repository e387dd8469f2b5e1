using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        // 0x80-0xFF: every byte of a non-ASCII character
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    ];

    /// <summary>The class of the byte at <paramref name="i"/>; 0 past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> text, int i)
    {
        return (uint)i < (uint)text.Length ? Table[text[i]] : (byte)0;
    }

    /// <summary>The end of the run of bytes whose class has any of <paramref name="flags"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Skip(ReadOnlySpan<byte> text, int p, byte flags)
    {
        while ((At(text, p) & flags) != 0)
            p++;
        return p;
    }

    /// <summary>
    /// The end of the run of bytes in [<paramref name="low"/>, <paramref name="high"/>] from <paramref name="p"/>:
    /// sixteen bytes at a time, so the end of a word costs no mispredicted branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipRange(ReadOnlySpan<byte> text, int p, byte low, byte high)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(text);
            var offset = Vector128.Create(low);
            var width = Vector128.Create((byte)(high - low + 1));
            while (p + Vector128<byte>.Count <= text.Length)
            {
                Vector128<byte> bytes = Vector128.LoadUnsafe(ref start, (nuint)p);
                uint outside = ~Vector128.LessThan(bytes - offset, width).ExtractMostSignificantBits() & 0xFFFF;
                if (outside != 0)
                    return p + BitOperations.TrailingZeroCount(outside);
                p += Vector128<byte>.Count;
            }
        }
        while ((uint)p < (uint)text.Length && (uint)(text[p] - low) <= (uint)(high - low))
            p++;
        return p;
    }
}
