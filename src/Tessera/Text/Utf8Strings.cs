using System.Text;

namespace Tessera.Text;

/// <summary>
/// Conversions between strings and UTF-8 on a first load's path: ASCII is widened or narrowed here. The base
/// library's first transcoding in a process (<see cref="Encoding.GetString(ReadOnlySpan{byte})"/>,
/// <see cref="Encoding.GetBytes(ReadOnlySpan{char}, Span{byte})"/>, <see cref="Ascii.ToUtf16"/>) costs 2.2-2.5 ms,
/// measured in a fresh process whose runtime is otherwise warm (these loops: 0.02 ms), and a load starts with a
/// file's path and a tokenizer.json's first name.
/// </summary>
internal static class Utf8Strings
{
    /// <summary>Longer strings go to the base library, whose widening is faster once paid for.</summary>
    private const int WidenedUpTo = 256;

    /// <summary>The string that the valid UTF-8 <paramref name="utf8"/> encodes.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= WidenedUpTo)
        {
            Span<char> chars = stackalloc char[utf8.Length];
            int i = 0;
            while (i < utf8.Length && utf8[i] < 0x80)
            {
                chars[i] = (char)utf8[i];
                i++;
            }
            if (i == utf8.Length)
                return new string(chars);
        }
        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>How many bytes the UTF-8 of <paramref name="text"/> takes.</summary>
    public static int ByteCount(ReadOnlySpan<char> text) =>
        IsAscii(text) ? text.Length : Encoding.UTF8.GetByteCount(text);

    /// <summary>Writes the UTF-8 of <paramref name="text"/> to <paramref name="utf8"/>, which is <see cref="ByteCount"/> long.</summary>
    public static void Encode(ReadOnlySpan<char> text, Span<byte> utf8)
    {
        if (!IsAscii(text))
        {
            Encoding.UTF8.GetBytes(text, utf8);
            return;
        }
        for (int i = 0; i < text.Length; i++)
            utf8[i] = (byte)text[i];
    }

    private static bool IsAscii(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c >= 0x80)
                return false;
        }
        return true;
    }
}
