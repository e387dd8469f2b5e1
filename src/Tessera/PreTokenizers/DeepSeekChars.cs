using System.Globalization;
using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers;

/// <summary>
/// The character classes DeepSeek V3's three split patterns test (<see cref="DeepSeekSplitter"/>), as bit flags over
/// one code point, from the same Unicode tables as the regex engine's <c>\p{..}</c> and <c>\s</c>
/// (<see cref="Regex.UnicodeTables"/>: .NET's general categories, the White_Space property).
/// </summary>
internal static class DeepSeekChars
{
    /// <summary>End of text, or a character in none of the classes (a control, format, unassigned or private-use character).</summary>
    public const byte None = 0;
    /// <summary><c>\p{L}</c>.</summary>
    public const byte Letter = 1;
    /// <summary><c>\p{M}</c>.</summary>
    public const byte Mark = 2;
    /// <summary><c>\p{P}</c>.</summary>
    public const byte Punct = 4;
    /// <summary><c>\p{S}</c>.</summary>
    public const byte Symbol = 8;
    /// <summary><c>\s</c>.</summary>
    public const byte Space = 16;
    /// <summary><c>[\r\n]</c>.</summary>
    public const byte NewLine = 32;
    /// <summary><c>\p{N}</c>.</summary>
    public const byte Number = 64;
    /// <summary>The second pattern's <c>[一-龥぀-ゟ゠-ヿ]</c>: U+4E00..U+9FA5, U+3040..U+30FF.</summary>
    public const byte Cjk = 128;

    /// <summary>Flags of the character starting at <paramref name="i"/> and its length in bytes (0 at the end).</summary>
    /// <remarks>A byte that does not start a well-formed UTF-8 sequence is one character of no class.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> text, int i, out int length) => CodePointTable<Classes>.At(text, i, out length);

    private readonly struct Classes : ICodePointClasses
    {
        public static byte OfCodePoint(int codePoint) => DeepSeekChars.OfCodePoint(codePoint);

        public static byte Undecodable => None;
    }

    /// <summary>Flags of one code point.</summary>
    public static byte OfCodePoint(int c)
    {
        byte flags = c is (>= 0x4E00 and <= 0x9FA5) or (>= 0x3040 and <= 0x30FF) ? Cjk : None;
        if (CharClass.IsWhiteSpace(c))
            flags |= (byte)(Space | (c is '\r' or '\n' ? NewLine : 0));
        return (byte)(flags | CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Mark,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => Punct,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => Symbol,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
            _ => None,
        });
    }
}
