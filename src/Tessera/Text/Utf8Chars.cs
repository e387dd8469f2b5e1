using System.Text;

namespace Tessera.Text;

/// <summary>Code points of well-formed UTF-8 (text the pipeline made from a .NET string or a validated file).</summary>
internal static class Utf8Chars
{
    /// <summary>The length in bytes of the UTF-8 sequence whose lead byte is at <paramref name="i"/>.</summary>
    public static int LengthAt(ReadOnlySpan<byte> text, int i)
    {
        byte b = text[i];
        int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        return Math.Min(length, text.Length - i);
    }

    /// <summary>The code point at <paramref name="i"/> and its length.</summary>
    public static int Decode(ReadOnlySpan<byte> text, int i, out int length)
    {
        if (text[i] < 0x80)
        {
            length = 1;
            return text[i];
        }
        if (Rune.DecodeFromUtf8(text[i..], out Rune rune, out length) != System.Buffers.OperationStatus.Done)
            length = Math.Max(length, 1);
        return rune.Value;
    }

    /// <summary>Writes <paramref name="codePoint"/> as UTF-8; returns the byte count.</summary>
    public static int Encode(int codePoint, Span<byte> destination) => new Rune(codePoint).EncodeToUtf8(destination);

    /// <summary>The UTF-8 length of <paramref name="codePoint"/>.</summary>
    public static int LengthOf(int codePoint) => codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

    /// <summary>The start of the last code point (the text must not be empty).</summary>
    public static int StartOfLast(ReadOnlySpan<byte> text)
    {
        int i = text.Length - 1;
        while (i > 0 && (text[i] & 0xC0) == 0x80)
            i--;
        return i;
    }

    /// <summary>The number of code points.</summary>
    public static int Count(ReadOnlySpan<byte> text)
    {
        int count = 0;
        foreach (byte b in text)
            if ((b & 0xC0) != 0x80)
                count++;
        return count;
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/> (lone surrogates become U+FFFD).</summary>
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The string of UTF-8 <paramref name="text"/>.</summary>
    public static string String(ReadOnlySpan<byte> text) => Encoding.UTF8.GetString(text);
}
