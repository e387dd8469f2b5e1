using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tessera.PreTokenizers;

/// <summary>
/// The character classes that tiktoken's pre-tokenization patterns test, as bit flags over one code point.
/// Classes follow the Unicode tables of the reference (Rust <c>regex</c>, Unicode 16.0, the same version as .NET 10),
/// on whole code points: an astral letter is one letter, never two UTF-16 halves.
/// </summary>
internal static class CharClass
{
    /// <summary>End of text: no flags.</summary>
    public const byte End = 0;
    /// <summary><c>\p{L}</c>: Lu, Ll, Lt, Lm, Lo.</summary>
    public const byte Letter = 1;
    /// <summary><c>\p{N}</c>: Nd, Nl, No.</summary>
    public const byte Number = 2;
    /// <summary><c>\s</c>: the White_Space property.</summary>
    public const byte Space = 4;
    /// <summary><c>[\r\n]</c>.</summary>
    public const byte NewLine = 8;
    /// <summary>o200k's upper set <c>[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]</c>.</summary>
    public const byte Upper = 16;
    /// <summary>o200k's lower set <c>[\p{Ll}\p{Lm}\p{Lo}\p{M}]</c>.</summary>
    public const byte Lower = 32;
    /// <summary><c>[^\s\p{L}\p{N}]</c>: punctuation, symbols, marks, controls, unassigned, and undecodable bytes.</summary>
    public const byte Other = 64;

    /// <summary>Flags of the character starting at <paramref name="i"/> and its length in bytes (0 at the end).</summary>
    /// <remarks>A byte that does not start a well-formed UTF-8 sequence is one character of class <see cref="Other"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> text, int i, out int length) => CodePointTable<Classes>.At(text, i, out length);

    private readonly struct Classes : ICodePointClasses
    {
        public static byte OfCodePoint(int codePoint) => CharClass.OfCodePoint(codePoint);

        public static byte Undecodable => Other;
    }

    /// <summary>Flags of one code point.</summary>
    public static byte OfCodePoint(int codePoint)
    {
        if (IsWhiteSpace(codePoint))
            return (byte)(Space | (codePoint is '\r' or '\n' ? NewLine : 0));
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => Letter | Upper,
            UnicodeCategory.LowercaseLetter => Letter | Lower,
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter | Upper | Lower,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                => Other | Upper | Lower,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
            _ => Other,
        };
    }

    /// <summary>The Unicode White_Space property, which Rust's <c>\s</c> tests (U+FEFF and U+180E are not in it).</summary>
    public static bool IsWhiteSpace(int c) =>
        c is (>= 0x09 and <= 0x0D) or 0x20 or 0x85 or 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A)
            or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000;
}
