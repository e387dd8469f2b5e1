using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Tessera.Formats.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// A forward scan over JSON bytes that reads the shapes a tokenizer.json's large parts have (objects of string to
/// integer, arrays of strings or of string pairs) without building anything, and skips any other value. It checks
/// only what it reads; every method returns false at anything else, and the caller then reads the file again with
/// <see cref="Utf8JsonReader"/>, which says what is wrong and where.
/// </summary>
internal ref struct JsonScanner(ReadOnlySpan<byte> json, int position)
{
    private readonly ReadOnlySpan<byte> _json = json;

    /// <summary>Where the scan is: the byte after the last thing read.</summary>
    public int Position { get; private set; } = position;

    /// <summary>The next byte that is not white space (moving past the white space), or -1 at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Peek()
    {
        ReadOnlySpan<byte> json = _json;
        int at = Position;
        if ((uint)at < (uint)json.Length && json[at] <= ' ')
            at = SkipSpace(json, at);
        while ((uint)at < (uint)json.Length)
        {
            byte b = json[at];
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t'))
            {
                Position = at;
                return b;
            }
            at++;
        }
        Position = json.Length;
        return -1;
    }

    /// <summary>
    /// Where the white space from <paramref name="at"/> ends, 16 bytes at a time (a pretty-printed file indents each
    /// merge and vocabulary entry by six or eight spaces after its line break); near the end of the text, as far as
    /// whole vectors go (the caller's loop does the rest).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SkipSpace(ReadOnlySpan<byte> json, int at)
    {
        while (Vector128.IsHardwareAccelerated && at <= json.Length - 16)
        {
            Vector128<byte> bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)at);
            uint space = (Vector128.Equals(bytes, Vector128.Create((byte)' ')) | Vector128.Equals(bytes, Vector128.Create((byte)'\n'))
                | Vector128.Equals(bytes, Vector128.Create((byte)'\r')) | Vector128.Equals(bytes, Vector128.Create((byte)'\t'))).ExtractMostSignificantBits();
            if (space != 0xFFFF)
                return at + BitOperations.TrailingZeroCount(~space);
            at += 16;
        }
        return at;
    }

    /// <summary>Reads <paramref name="c"/> after any white space.</summary>
    public bool TryRead(byte c)
    {
        if (Peek() != c)
            return false;
        Position++;
        return true;
    }

    /// <summary>
    /// Reads a string after any white space: its raw bytes are <c>json[start..(start + length)]</c>, with
    /// <paramref name="escaped"/> set when they hold a backslash escape (read them with <see cref="TryUnescape"/>).
    /// </summary>
    public bool TryReadString(out int start, out int length, out bool escaped)
    {
        start = length = 0;
        escaped = false;
        if (!TryRead((byte)'"'))
            return false;
        ReadOnlySpan<byte> json = _json;
        start = Position;
        int at = start;
        while (true)
        {
            at = JsonStrings.NextStop(json, at);
            if (at >= json.Length)
                return false;
            byte b = json[at];
            if (b == '"')
                break;
            if (b < ' ')
                return false; // JSON does not allow control characters raw: let the reader report it
            escaped = true;
            at += 2; // the backslash and the character it escapes (a \u escape's digits are plain characters)
        }
        length = at - start;
        Position = at + 1;
        return true;
    }

    /// <summary>Reads a non-negative integer that fits an <see cref="int"/>, after any white space.</summary>
    public bool TryReadId(out int value)
    {
        value = 0;
        int c = Peek();
        if (c is < '0' or > '9')
            return false;
        long number = 0;
        int at = Position;
        while (at < _json.Length && _json[at] is >= (byte)'0' and <= (byte)'9')
        {
            number = number * 10 + (_json[at++] - '0');
            if (number > int.MaxValue)
                return false;
        }
        if (at - Position > 1 && _json[Position] == '0')
            return false; // a leading zero is not JSON
        if (at < _json.Length && _json[at] is (byte)'.' or (byte)'e' or (byte)'E')
            return false; // not an integer
        Position = at;
        value = (int)number;
        return true;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>, after any white space.</summary>
    public bool TryReadBool(out bool value)
    {
        int c = Peek();
        ReadOnlySpan<byte> rest = _json[Position..];
        value = c == 't';
        ReadOnlySpan<byte> literal = value ? "true"u8 : "false"u8;
        if (!rest.StartsWith(literal) || (rest.Length > literal.Length && !IsDelimiter(rest[literal.Length])))
            return false;
        Position += literal.Length;
        return true;
    }

    /// <summary>Whether a literal may end before <paramref name="b"/>: white space or a structural character.</summary>
    private static bool IsDelimiter(byte b) => b is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    /// <summary>Moves past the value that comes next (after any white space), checking only that strings and brackets close.</summary>
    public bool TrySkipValue()
    {
        int depth = 0;
        do
        {
            int c = Peek();
            switch (c)
            {
                case '"':
                    if (!TryReadString(out _, out _, out _))
                        return false;
                    break;
                case '{' or '[':
                    depth++;
                    Position++;
                    break;
                case '}' or ']':
                    if (--depth < 0)
                        return false;
                    Position++;
                    break;
                case ',' or ':' when depth > 0:
                    Position++;
                    break;
                case -1:
                    return false;
                default:
                    int end = _json[Position..].IndexOfAny((byte)',', (byte)'}', (byte)']');
                    int scalar = end < 0 ? _json.Length - Position : end;
                    if (scalar == 0)
                        return false;
                    Position += scalar;
                    break;
            }
        }
        while (depth > 0);
        return true;
    }

    /// <summary>
    /// The characters of the string whose raw bytes are <c>json[start..(start + length)]</c>, in
    /// <paramref name="scratch"/> (grown when too small); false for a malformed escape or one that is half of a
    /// surrogate pair. Other bytes are copied as they are, as <see cref="Utf8JsonReader.CopyString(Span{byte})"/> does.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> json, int start, int length, scoped ref byte[] scratch, out ReadOnlySpan<byte> text)
    {
        if (scratch.Length < length)
            scratch = new byte[Math.Max(length, 2 * scratch.Length)];
        int written = JsonStrings.Unescape(json.Slice(start, length), scratch);
        text = written < 0 ? default : scratch.AsSpan(0, written);
        return written >= 0;
    }

    /// <summary>Reads a member's name and the colon after it, after any white space.</summary>
    public bool TryReadName(out string name)
    {
        name = "";
        if (!TryReadString(out int start, out int length, out bool escaped))
            return false;
        ReadOnlySpan<byte> utf8 = _json.Slice(start, length);
        byte[] scratch = [];
        if (escaped && !TryUnescape(_json, start, length, ref scratch, out utf8))
            return false;
        name = Text.Utf8Strings.Decode(utf8);
        return TryRead((byte)':');
    }
}
