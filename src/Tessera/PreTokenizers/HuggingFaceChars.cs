using System.Globalization;

namespace Tessera.PreTokenizers;

/// <summary>
/// The per-character tests of Hugging Face's pre-tokenizers, each with the Unicode version it really has: Rust's
/// <c>char::is_whitespace</c> and <c>char::is_numeric</c> (current Unicode, as .NET 10's tables), the
/// <c>unicode_categories</c> crate's <c>is_punctuation</c> (frozen at Unicode 8.0) and the <c>unicode_scripts</c>
/// table (Unicode 9.0). See docs/algorithms/hf-pre-tokenizers.md.
/// </summary>
internal static class HuggingFaceChars
{
    /// <summary>The script id <see cref="ScriptOf"/> gives a code point that splits nothing (HF's <c>Any</c>).</summary>
    public const int AnyScript = 0;

    private static readonly int s_han = Array.IndexOf(OldUnicodeTables.ScriptNames, "Han");
    private static readonly int s_hiragana = Array.IndexOf(OldUnicodeTables.ScriptNames, "Hiragana");
    private static readonly int s_katakana = Array.IndexOf(OldUnicodeTables.ScriptNames, "Katakana");

    /// <summary>Rust's <c>char::is_whitespace</c>: the White_Space property.</summary>
    public static bool IsWhitespace(int c) => CharClass.IsWhiteSpace(c);

    /// <summary>
    /// Rust's <c>char::is_numeric</c>: general category Nd, Nl or No. The Rust that built Hugging Face's binary has
    /// Unicode 17.0, which adds 13 numbers to .NET 10's Unicode 16.0 (U+11DE0..U+11DE9, U+16FF4..U+16FF6).
    /// </summary>
    public static bool IsNumeric(int c) => c < 0x80
        ? c is >= '0' and <= '9'
        : CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            || c is (>= 0x11DE0 and <= 0x11DE9) or (>= 0x16FF4 and <= 0x16FF6);

    /// <summary>
    /// Hugging Face's punctuation test (BertPreTokenizer, Punctuation): ASCII punctuation (all of <c>!"#$%&amp;'()*+,-./:;&lt;=&gt;?@[\]^_`{|}~</c>,
    /// symbols included) or a Unicode 8.0 punctuation character (Pc, Pd, Ps, Pe, Pi, Pf, Po).
    /// </summary>
    public static bool IsPunctuation(int c) => c < 0x80
        ? c is (>= 0x21 and <= 0x2F) or (>= 0x3A and <= 0x40) or (>= 0x5B and <= 0x60) or (>= 0x7B and <= 0x7E)
        : InRanges(OldUnicodeTables.Punctuation8, c);

    /// <summary>
    /// The script HF's UnicodeScripts compares: the Unicode 9.0 Script, with Hiragana, Katakana and U+30FC (ー) counted
    /// as Han, and the space and code points the table lacks as <see cref="AnyScript"/>.
    /// </summary>
    public static int ScriptOf(int c)
    {
        if (c == ' ')
            return AnyScript;
        if (c == 0x30FC)
            return s_han;
        int script = Script9(c);
        return script == s_hiragana || script == s_katakana ? s_han : script;
    }

    /// <summary>The Unicode 9.0 Script id of <paramref name="c"/> (an index of <see cref="OldUnicodeTables.ScriptNames"/>; 0 when not listed).</summary>
    public static int Script9(int c)
    {
        ReadOnlySpan<int> table = OldUnicodeTables.Scripts9;
        int lo = 0, hi = table.Length / 3 - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (c < table[3 * mid])
                hi = mid - 1;
            else if (c > table[3 * mid + 1])
                lo = mid + 1;
            else
                return table[3 * mid + 2];
        }
        return 0;
    }

    private static bool InRanges(ReadOnlySpan<int> pairs, int c)
    {
        int lo = 0, hi = pairs.Length / 2 - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (c < pairs[2 * mid])
                hi = mid - 1;
            else if (c > pairs[2 * mid + 1])
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }
}
