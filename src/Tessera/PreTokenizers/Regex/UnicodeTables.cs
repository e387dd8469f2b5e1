using System.Globalization;

namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// The Unicode classes the engine knows, built once from .NET's tables (Unicode 16.0 in .NET 10, the version of
/// tiktoken's Rust tables): general categories, <c>\s</c>, <c>\d</c> and <c>\w</c>.
/// </summary>
internal static class UnicodeTables
{
    private const int CategoryCount = (int)UnicodeCategory.OtherNotAssigned + 1;

    // Built on first use: one pass over the 1,114,112 code points (a few milliseconds).
    private static readonly Lazy<RangeSet[]> s_categories = new(BuildCategories);
    private static readonly Lazy<RangeSet> s_whiteSpace = new(() => RangeSet.FromPredicate(CharClass.IsWhiteSpace, 0xFFFF));
    private static readonly Lazy<RangeSet> s_word = new(BuildWord);
    private static readonly Lazy<RangeSet> s_onigurumaWord = new(() =>
        Word.Except(FromPairs(0x200C, 0x200D)).Union(FromPairs(0xB2, 0xB3, 0xB9, 0xB9, 0xBC, 0xBE)));

    /// <summary><c>\s</c>: the White_Space property (not U+FEFF, not U+180E).</summary>
    public static RangeSet WhiteSpace => s_whiteSpace.Value;

    /// <summary><c>\d</c>: <c>\p{Nd}</c>, as Rust's Unicode <c>\d</c>.</summary>
    public static RangeSet Digit => Category(UnicodeCategory.DecimalDigitNumber);

    /// <summary>
    /// <c>\w</c>: Rust's Unicode word class, Alphabetic + Mark + Decimal_Number + Connector_Punctuation + Join_Control.
    /// Alphabetic is derived as L + Nl + Other_Alphabetic; the Other_Alphabetic code points outside M are the circled
    /// and squared Latin letters, listed explicitly (the rest of Other_Alphabetic is in M).
    /// </summary>
    public static RangeSet Word => s_word.Value;

    /// <summary>
    /// Oniguruma's Unicode <c>\w</c>, measured against Hugging Face's build: Alphabetic + Mark + Decimal_Number +
    /// Connector_Punctuation (Rust's <c>\w</c> without Join_Control U+200C, U+200D), plus the Latin-1 digits and
    /// fractions ² ³ ¹ ¼ ½ ¾ that its Latin-1 table counts as word characters.
    /// </summary>
    public static RangeSet OnigurumaWord => s_onigurumaWord.Value;

    /// <summary><c>[0-9A-Fa-f]</c> (<c>\h</c>).</summary>
    public static RangeSet HexDigit { get; } = FromPairs('0', '9', 'A', 'F', 'a', 'f');

    /// <summary>One general category.</summary>
    public static RangeSet Category(UnicodeCategory category) => s_categories.Value[(int)category];

    /// <summary>The union of general categories.</summary>
    public static RangeSet Categories(params ReadOnlySpan<UnicodeCategory> categories)
    {
        RangeSet set = RangeSet.Empty;
        foreach (UnicodeCategory c in categories)
            set = set.Union(Category(c));
        return set;
    }

    /// <summary>
    /// The set named by <c>\p{name}</c>: a general category (short or long name, or a one-letter group), <c>Any</c>,
    /// <c>ASCII</c> or <c>Assigned</c>, also as <c>gc=name</c>. Names are matched loosely as Rust does (UAX44-LM3):
    /// case, spaces, <c>_</c> and <c>-</c> are ignored, as is an <c>is</c> prefix. Returns false for other names
    /// (scripts and binary properties are not supported).
    /// </summary>
    public static bool TryGetProperty(string name, out RangeSet set)
    {
        string key = Normalize(name);
        int eq = name.IndexOfAny(['=', ':']);
        if (eq >= 0)
        {
            string property = Normalize(name[..eq]);
            if (property is not ("gc" or "generalcategory"))
            {
                set = RangeSet.Empty;
                return false;
            }
            key = Normalize(name[(eq + 1)..]);
        }
        if (TryGetNormalized(key, out set))
            return true;
        return key.StartsWith("is", StringComparison.Ordinal) && TryGetNormalized(key[2..], out set);
    }

    private static bool TryGetNormalized(string key, out RangeSet set)
    {
        RangeSet? found = key switch
        {
            "any" => RangeSet.Range(0, RangeSet.MaxCodePoint),
            "ascii" => RangeSet.Range(0, 0x7F),
            "assigned" => Category(UnicodeCategory.OtherNotAssigned).Complement().Intersect(RangeSet.Range(0, RangeSet.MaxCodePoint)),

            "l" or "letter" => Categories(UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter,
                UnicodeCategory.TitlecaseLetter, UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter),
            "lc" or "casedletter" => Categories(UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter,
                UnicodeCategory.TitlecaseLetter),
            "lu" or "uppercaseletter" => Category(UnicodeCategory.UppercaseLetter),
            "ll" or "lowercaseletter" => Category(UnicodeCategory.LowercaseLetter),
            "lt" or "titlecaseletter" => Category(UnicodeCategory.TitlecaseLetter),
            "lm" or "modifierletter" => Category(UnicodeCategory.ModifierLetter),
            "lo" or "otherletter" => Category(UnicodeCategory.OtherLetter),

            "m" or "mark" or "combiningmark" => Categories(UnicodeCategory.NonSpacingMark,
                UnicodeCategory.SpacingCombiningMark, UnicodeCategory.EnclosingMark),
            "mn" or "nonspacingmark" => Category(UnicodeCategory.NonSpacingMark),
            "mc" or "spacingmark" => Category(UnicodeCategory.SpacingCombiningMark),
            "me" or "enclosingmark" => Category(UnicodeCategory.EnclosingMark),

            "n" or "number" => Categories(UnicodeCategory.DecimalDigitNumber, UnicodeCategory.LetterNumber,
                UnicodeCategory.OtherNumber),
            "nd" or "decimalnumber" or "digit" => Category(UnicodeCategory.DecimalDigitNumber),
            "nl" or "letternumber" => Category(UnicodeCategory.LetterNumber),
            "no" or "othernumber" => Category(UnicodeCategory.OtherNumber),

            "p" or "punctuation" or "punct" => Categories(UnicodeCategory.ConnectorPunctuation,
                UnicodeCategory.DashPunctuation, UnicodeCategory.OpenPunctuation, UnicodeCategory.ClosePunctuation,
                UnicodeCategory.InitialQuotePunctuation, UnicodeCategory.FinalQuotePunctuation,
                UnicodeCategory.OtherPunctuation),
            "pc" or "connectorpunctuation" => Category(UnicodeCategory.ConnectorPunctuation),
            "pd" or "dashpunctuation" => Category(UnicodeCategory.DashPunctuation),
            "ps" or "openpunctuation" => Category(UnicodeCategory.OpenPunctuation),
            "pe" or "closepunctuation" => Category(UnicodeCategory.ClosePunctuation),
            "pi" or "initialpunctuation" => Category(UnicodeCategory.InitialQuotePunctuation),
            "pf" or "finalpunctuation" => Category(UnicodeCategory.FinalQuotePunctuation),
            "po" or "otherpunctuation" => Category(UnicodeCategory.OtherPunctuation),

            "s" or "symbol" => Categories(UnicodeCategory.MathSymbol, UnicodeCategory.CurrencySymbol,
                UnicodeCategory.ModifierSymbol, UnicodeCategory.OtherSymbol),
            "sm" or "mathsymbol" => Category(UnicodeCategory.MathSymbol),
            "sc" or "currencysymbol" => Category(UnicodeCategory.CurrencySymbol),
            "sk" or "modifiersymbol" => Category(UnicodeCategory.ModifierSymbol),
            "so" or "othersymbol" => Category(UnicodeCategory.OtherSymbol),

            "z" or "separator" => Categories(UnicodeCategory.SpaceSeparator, UnicodeCategory.LineSeparator,
                UnicodeCategory.ParagraphSeparator),
            "zs" or "spaceseparator" => Category(UnicodeCategory.SpaceSeparator),
            "zl" or "lineseparator" => Category(UnicodeCategory.LineSeparator),
            "zp" or "paragraphseparator" => Category(UnicodeCategory.ParagraphSeparator),

            "c" or "other" => Categories(UnicodeCategory.Control, UnicodeCategory.Format, UnicodeCategory.Surrogate,
                UnicodeCategory.PrivateUse, UnicodeCategory.OtherNotAssigned),
            "cc" or "control" or "cntrl" => Category(UnicodeCategory.Control),
            "cf" or "format" => Category(UnicodeCategory.Format),
            "cs" or "surrogate" => Category(UnicodeCategory.Surrogate),
            "co" or "privateuse" => Category(UnicodeCategory.PrivateUse),
            "cn" or "unassigned" => Category(UnicodeCategory.OtherNotAssigned),
            _ => null,
        };
        set = found ?? RangeSet.Empty;
        return found is not null;
    }

    /// <summary>Lower case without spaces, <c>_</c> and <c>-</c>.</summary>
    private static string Normalize(string name)
    {
        var chars = new List<char>(name.Length);
        foreach (char c in name)
        {
            if (c is ' ' or '_' or '-' or '\t' or '\n' or '\r' or '\f' or '\v')
                continue;
            chars.Add(char.ToLowerInvariant(c));
        }
        return new string([.. chars]);
    }

    private static RangeSet[] BuildCategories()
    {
        var ranges = new List<(int, int)>[CategoryCount];
        for (int i = 0; i < ranges.Length; i++)
            ranges[i] = [];
        int start = 0;
        var current = CharUnicodeInfo.GetUnicodeCategory(0);
        for (int c = 1; c <= RangeSet.MaxCodePoint + 1; c++)
        {
            var category = c <= RangeSet.MaxCodePoint ? CharUnicodeInfo.GetUnicodeCategory(c) : (UnicodeCategory)(-1);
            if (category == current)
                continue;
            ranges[(int)current].Add((start, c - 1));
            start = c;
            current = category;
        }
        var sets = new RangeSet[CategoryCount];
        for (int i = 0; i < sets.Length; i++)
            sets[i] = RangeSet.FromRanges(ranges[i], includesInvalid: false);
        return sets;
    }

    private static RangeSet BuildWord()
    {
        RangeSet set = Categories(
            UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter,
            UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter, UnicodeCategory.LetterNumber,
            UnicodeCategory.NonSpacingMark, UnicodeCategory.SpacingCombiningMark, UnicodeCategory.EnclosingMark,
            UnicodeCategory.DecimalDigitNumber, UnicodeCategory.ConnectorPunctuation);
        // Join_Control, and the Other_Alphabetic symbols (So): circled and squared Latin letters.
        return set.Union(FromPairs(0x200C, 0x200D, 0x24B6, 0x24E9, 0x1F130, 0x1F149, 0x1F150, 0x1F169, 0x1F170, 0x1F189));
    }

    private static RangeSet FromPairs(params ReadOnlySpan<int> bounds)
    {
        var ranges = new List<(int, int)>();
        for (int i = 0; i < bounds.Length; i += 2)
            ranges.Add((bounds[i], bounds[i + 1]));
        return RangeSet.FromRanges(ranges, includesInvalid: false);
    }
}
