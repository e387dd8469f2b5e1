using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// Code points of UTF-8 text as the engine sees them. A byte that does not start a well-formed sequence is one
/// code point of its own, of length 1 and value <see cref="Invalid"/>, exactly as <see cref="CharClass.At"/> reads it.
/// </summary>
internal static class CodePoints
{
    /// <summary>The value of an undecodable byte: in no positive class, in every negated one.</summary>
    public const int Invalid = -1;

    /// <summary>The code point starting at <paramref name="i"/> (which must be inside the text) and its length in bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Decode(ReadOnlySpan<byte> text, int i, out int length)
    {
        byte b = text[i];
        if (b < 0x80)
        {
            length = 1;
            return b;
        }
        return DecodeNonAscii(text, i, out length);
    }

    private static int DecodeNonAscii(ReadOnlySpan<byte> text, int i, out int length)
    {
        if (Rune.DecodeFromUtf8(text[i..], out Rune rune, out int consumed) == OperationStatus.Done)
        {
            length = consumed;
            return rune.Value;
        }
        length = 1;
        return Invalid;
    }

    /// <summary>The length in bytes of the code point starting at <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Length(ReadOnlySpan<byte> text, int i)
    {
        if (text[i] < 0x80)
            return 1;
        DecodeNonAscii(text, i, out int length);
        return length;
    }

    /// <summary>
    /// The start of the code point that ends at <paramref name="pos"/> (&gt; <paramref name="lowerBound"/>), as forward
    /// decoding from any code-point boundary at or before <paramref name="lowerBound"/> finds it.
    /// </summary>
    /// <remarks>
    /// A lead byte never occurs inside a well-formed sequence, so the code point ending at <paramref name="pos"/> is
    /// either the well-formed sequence that starts at the nearest preceding non-continuation byte and ends exactly at
    /// <paramref name="pos"/>, or else the single (undecodable) byte before <paramref name="pos"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Previous(ReadOnlySpan<byte> text, int pos, int lowerBound)
    {
        int last = pos - 1;
        return text[last] < 0x80 ? last : PreviousNonAscii(text, pos, lowerBound);
    }

    private static int PreviousNonAscii(ReadOnlySpan<byte> text, int pos, int lowerBound)
    {
        int limit = Math.Max(lowerBound, pos - 4);
        for (int j = pos - 1; j >= limit; j--)
        {
            byte b = text[j];
            if ((b & 0xC0) == 0x80)
                continue;
            if (b >= 0xC0
                && Rune.DecodeFromUtf8(text[j..pos], out _, out int consumed) == OperationStatus.Done
                && consumed == pos - j)
                return j;
            break;
        }
        return pos - 1;
    }
}
