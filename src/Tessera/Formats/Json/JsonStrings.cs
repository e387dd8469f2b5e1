using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using Tessera.Text;

namespace Tessera.Formats.Json;

/// <summary>The characters of a JSON string: its escapes undone, as UTF-8 or as text.</summary>
internal static class JsonStrings
{
    public const string LoneSurrogate = "a \\u escape is half of a surrogate pair (a lone surrogate), which is not text";
    public const string InvalidUtf8 = "the string is not valid UTF-8";

    /// <summary>
    /// Where the first quote, backslash or control character at or after <paramref name="at"/> is, or the length of
    /// <paramref name="json"/> when there is none: where a string being read ends or needs a look.
    /// </summary>
    /// <remarks>
    /// The strings are tokens, a few bytes each: shorter than a library search's set-up (<c>IndexOfAny</c>), so 16 bytes
    /// at a time are compared in place; near the end of the text, a byte at a time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NextStop(ReadOnlySpan<byte> json, int at)
    {
        while (Vector128.IsHardwareAccelerated && at <= json.Length - 16)
        {
            Vector128<byte> bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)at);
            uint stops = (Vector128.Equals(bytes, Vector128.Create((byte)'"')) | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                | Vector128.LessThan(bytes, Vector128.Create((byte)' '))).ExtractMostSignificantBits();
            if (stops != 0)
                return at + BitOperations.TrailingZeroCount(stops);
            at += 16;
        }
        while (at < json.Length && json[at] is not ((byte)'"' or (byte)'\\' or < (byte)' '))
            at++;
        return at;
    }

    /// <summary>
    /// Writes the characters of a string's raw bytes between its quotes, <paramref name="raw"/>, as UTF-8 into
    /// <paramref name="destination"/> (at least as long: no escape writes more bytes than it takes); how many bytes, or
    /// -1 for an escape JSON does not have or one that is half of a surrogate pair. The other bytes are copied as they are.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = 0;
        int at = 0;
        while (at < raw.Length)
        {
            int backslash = raw[at..].IndexOf((byte)'\\');
            int plain = backslash < 0 ? raw.Length - at : backslash;
            raw.Slice(at, plain).CopyTo(destination[written..]);
            written += plain;
            at += plain;
            if (backslash < 0)
                break;
            if (at + 1 >= raw.Length)
                return -1;
            byte escaped = raw[at + 1];
            at += 2;
            switch (escaped)
            {
                case (byte)'"' or (byte)'\\' or (byte)'/':
                    destination[written++] = escaped;
                    continue;
                case (byte)'b': destination[written++] = (byte)'\b'; continue;
                case (byte)'f': destination[written++] = (byte)'\f'; continue;
                case (byte)'n': destination[written++] = (byte)'\n'; continue;
                case (byte)'r': destination[written++] = (byte)'\r'; continue;
                case (byte)'t': destination[written++] = (byte)'\t'; continue;
                case (byte)'u':
                    break;
                default:
                    return -1;
            }
            if (!TryHex(raw, at, out int unit))
                return -1;
            at += 4;
            int scalar = unit;
            if (char.IsLowSurrogate((char)unit))
                return -1;
            if (char.IsHighSurrogate((char)unit))
            {
                if (at + 6 > raw.Length || raw[at] != '\\' || raw[at + 1] != 'u' || !TryHex(raw, at + 2, out int low) || !char.IsLowSurrogate((char)low))
                    return -1;
                at += 6;
                scalar = char.ConvertToUtf32((char)unit, (char)low);
            }
            written += new Rune(scalar).EncodeToUtf8(destination[written..]);
        }
        return written;
    }

    private static bool TryHex(ReadOnlySpan<byte> raw, int at, out int value)
    {
        value = 0;
        if (at + 4 > raw.Length)
            return false;
        for (int i = at; i < at + 4; i++)
        {
            int digit = raw[i] switch
            {
                >= (byte)'0' and <= (byte)'9' => raw[i] - '0',
                >= (byte)'a' and <= (byte)'f' => raw[i] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => raw[i] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
                return false;
            value = (value << 4) | digit;
        }
        return true;
    }

    /// <summary>
    /// The text of a string's raw bytes between its quotes, as <c>System.Text.Json</c>'s <c>GetString</c> gives it.
    /// </summary>
    /// <exception cref="InvalidOperationException">An escape is half of a surrogate pair (<see cref="LoneSurrogate"/>), or the bytes are not UTF-8 (<see cref="InvalidUtf8"/>).</exception>
    public static string Text(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
            return Decode(raw);
        Span<byte> buffer = raw.Length <= 256 ? stackalloc byte[256] : new byte[raw.Length];
        int written = Unescape(raw, buffer);
        if (written < 0)
            throw new InvalidOperationException(LoneSurrogate);
        return Decode(buffer[..written]);
    }

    private static string Decode(ReadOnlySpan<byte> utf8) =>
        Utf8.IsValid(utf8) ? Utf8Strings.Decode(utf8) : throw new InvalidOperationException(InvalidUtf8);
}
