namespace Tessera.Text;

/// <summary>
/// GPT-2's map from bytes to printable code points (Hugging Face's <c>bytes_char</c>): bytes 0x21-0x7E, 0xA1-0xAC
/// and 0xAE-0xFF map to themselves; the other 68, in ascending order, to U+0100 onwards (0x20 → 'Ġ', 0x0A → 'Ċ').
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly int[] s_charOfByte = BuildCharOfByte();
    private static readonly short[] s_byteOfChar = BuildByteOfChar(); // by code point below U+0144; -1 for none

    /// <summary>The code point byte <paramref name="b"/> is written as.</summary>
    public static int CharOf(byte b) => s_charOfByte[b];

    /// <summary>The byte code point <paramref name="c"/> stands for, if it is one of the 256.</summary>
    public static bool TryByteOf(int c, out byte b)
    {
        short[] table = s_byteOfChar;
        int found = (uint)c < (uint)table.Length ? table[c] : -1;
        b = (byte)found;
        return found >= 0;
    }

    /// <summary>The byte-level spelling of <paramref name="bytes"/>.</summary>
    public static string Spell(ReadOnlySpan<byte> bytes)
    {
        var builder = new System.Text.StringBuilder(bytes.Length);
        foreach (byte b in bytes)
            builder.Append((char)s_charOfByte[b]); // all below U+0180: one UTF-16 unit
        return builder.ToString();
    }

    private static bool MapsToItself(int b) => b is >= 0x21 and <= 0x7E or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;

    private static int[] BuildCharOfByte()
    {
        var map = new int[256];
        int next = 0x100;
        for (int b = 0; b < 256; b++)
            map[b] = MapsToItself(b) ? b : next++;
        return map;
    }

    /// <remarks>Loops rather than <c>Max()</c> and <c>Array.Fill</c>: generic code of the base library, compiled at a first load (five methods).</remarks>
    private static short[] BuildByteOfChar()
    {
        int largest = 0;
        foreach (int c in s_charOfByte)
            largest = Math.Max(largest, c);
        var map = new short[largest + 1];
        for (int c = 0; c < map.Length; c++)
            map[c] = -1;
        for (int b = 0; b < 256; b++)
            map[s_charOfByte[b]] = (short)b;
        return map;
    }
}
