using System.Runtime.CompilerServices;
using System.Text;

namespace Tessera.PreTokenizers;

/// <summary>How a <see cref="CodePointTable{TClasses}"/> classifies code points: flags per code point, and the flags of a byte that starts no well-formed UTF-8 sequence.</summary>
internal interface ICodePointClasses
{
    /// <summary>The flags of one code point (a surrogate code point gets <see cref="Undecodable"/>).</summary>
    static abstract byte OfCodePoint(int codePoint);

    /// <summary>The flags of a byte that does not start a well-formed UTF-8 sequence (one character of its own).</summary>
    static abstract byte Undecodable { get; }
}

/// <summary>
/// Flags of the characters of UTF-8 text, from tables of <typeparamref name="TClasses"/>: ASCII in one table, the rest
/// of the BMP in blocks of 256 code points built on first use, astral code points classified each time.
/// </summary>
internal static class CodePointTable<TClasses> where TClasses : struct, ICodePointClasses
{
    private static readonly byte[] s_ascii = BuildBlock(0);
    private static readonly byte[]?[] s_bmpBlocks = new byte[]?[256];

    /// <summary>Flags of the character starting at <paramref name="i"/> and its length in bytes (0 and no flags at the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> text, int i, out int length)
    {
        if ((uint)i >= (uint)text.Length)
        {
            length = 0;
            return 0;
        }
        byte b = text[i];
        if (b < 0x80)
        {
            length = 1;
            return s_ascii[b];
        }
        return NonAscii(text, i, out length);
    }

    private static byte NonAscii(ReadOnlySpan<byte> text, int i, out int length)
    {
        if (Rune.DecodeFromUtf8(text[i..], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
        {
            length = 1;
            return TClasses.Undecodable;
        }
        length = consumed;
        int c = rune.Value;
        return c < 0x10000 ? (s_bmpBlocks[c >> 8] ?? BmpBlock(c >> 8))[c & 0xFF] : TClasses.OfCodePoint(c);
    }

    /// <summary>Builds and publishes a block; a race only builds the same table twice.</summary>
    private static byte[] BmpBlock(int block) => s_bmpBlocks[block] = BuildBlock(block);

    private static byte[] BuildBlock(int block)
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int c = block << 8 | i;
            table[i] = c is >= 0xD800 and <= 0xDFFF ? TClasses.Undecodable : TClasses.OfCodePoint(c);
        }
        return table;
    }
}
