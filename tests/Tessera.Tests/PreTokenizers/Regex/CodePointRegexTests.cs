using System.Text;
using Tessera.Formats.Tiktoken;
using Tessera.PreTokenizers.Regex;
using static Tessera.Tests.PreTokenizers.Regex.RegexTestHelpers;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>Matching semantics, one syntax feature at a time (Rust fancy-regex behaviour).</summary>
public sealed class CodePointRegexTests
{
    [Theory]
    [InlineData("a*", "aaab", new[] { "aaa" })]
    [InlineData("a+", "baaab", new[] { "aaa" })]
    [InlineData("a?b", "abbab", new[] { "ab", "b", "ab" })]
    [InlineData("a{2}", "aaaaa", new[] { "aa", "aa" })]
    [InlineData("a{2,3}", "aaaaaaa", new[] { "aaa", "aaa" })]
    [InlineData("a{2,}", "a aa aaaa", new[] { "aa", "aaaa" })]
    [InlineData("a{,2}", "aaa", new[] { "aa", "a" })]
    [InlineData("a{0}b", "ab", new[] { "b" })]
    [InlineData("(?:ab){2}", "abababab", new[] { "abab", "abab" })]
    [InlineData("(?:ab){1,2}c", "ababcabc", new[] { "ababc", "abc" })]
    [InlineData("(?:ab)*c", "ababcc", new[] { "ababc", "c" })]
    [InlineData("(?:a|b)+", "abbaxab", new[] { "abba", "ab" })]
    public void GreedyQuantifiersTakeAsMuchAsTheyCan(string pattern, string text, string[] expected) =>
        Assert.Equal(expected, Split(pattern, text));

    [Theory]
    [InlineData("a+?", "aaa", new[] { "a", "a", "a" })]
    [InlineData("a{2,3}?", "aaaaa", new[] { "aa", "aa" })]
    [InlineData("<.+?>", "<a><bb>", new[] { "<a>", "<bb>" })]
    [InlineData("<.+>", "<a><bb>", new[] { "<a><bb>" })]
    [InlineData("(?:ab)+?", "abab", new[] { "ab", "ab" })]
    [InlineData("(?:ab)+?c", "ababc", new[] { "ababc" })]
    [InlineData("a??b", "ab", new[] { "ab" })]
    [InlineData("x.*?y", "x1y2y", new[] { "x1y" })]
    public void LazyQuantifiersTakeAsLittleAsTheyCan(string pattern, string text, string[] expected) =>
        Assert.Equal(expected, Split(pattern, text));

    [Fact]
    public void LazyQuantifierPrefersTheEmptyMatch()
    {
        Assert.Equal("", FirstMatch("a*?", "aaa"));
        Assert.Equal("", FirstMatch("a??", "a"));
        Assert.Empty(Split("a*?", "aaa")); // empty matches are never pieces
    }

    [Fact]
    public void PossessiveQuantifiersNeverGiveBack()
    {
        Assert.Null(FirstMatch("a++a", "aaa"));
        Assert.Equal("aaa", FirstMatch("a+a", "aaa"));
        Assert.Null(FirstMatch("a*+a", "aaa"));
        Assert.Null(FirstMatch("a?+a", "a"));
        Assert.Equal("aa", FirstMatch("a?+a", "aa"));
        Assert.Null(FirstMatch("a{1,3}+a", "aaa"));
        Assert.Equal("aaaa", FirstMatch("a{1,3}+a", "aaaa"));
        Assert.Null(FirstMatch("(?:ab)++ab", "ababab"));
        Assert.Equal("ababab", FirstMatch("(?:ab)+ab", "ababab"));
    }

    [Fact]
    public void AtomicGroupsNeverBacktrackIntoTheirBody()
    {
        Assert.Null(FirstMatch("(?>a|ab)c", "abc"));
        Assert.Equal("abc", FirstMatch("(?:a|ab)c", "abc"));
        Assert.Equal("ac", FirstMatch("(?>a|ab)c", "ac"));
        Assert.Null(FirstMatch("(?>a*)a", "aaa"));
        Assert.Equal("xaab", FirstMatch("x(?>a+)b", "xaab"));
    }

    [Fact]
    public void AlternationIsLeftmostFirstNotLongest()
    {
        Assert.Equal(new[] { "a", "b" }, Split("a|ab|b", "ab"));
        Assert.Equal(new[] { "ab" }, Split("ab|a", "ab"));
        Assert.Equal("", FirstMatch("|a", "a"));
        Assert.Equal("a", FirstMatch("a|", "a"));
        // The leftmost position wins over an earlier alternative.
        Assert.Equal("b", FirstMatch("a|b", "xba"));
    }

    [Fact]
    public void NegativeLookaheadBacktracksTheRunBeforeIt()
    {
        Assert.Equal(new[] { "  " }, Split(@"\s+(?!\S)", "   b"));
        Assert.Equal(new[] { "  ", " " }, Split(@"\s+(?!\S)|\s", "   b"));
        Assert.Equal(new[] { "   " }, Split(@"\s+(?!\S)", "   "));
        Assert.Empty(Split(@"\s+(?!\S)", " b"));
        Assert.Equal(new[] { "a" }, Split("a(?!b)", "abac"));
    }

    [Fact]
    public void PositiveLookaheadDoesNotConsume()
    {
        Assert.Equal(new[] { "a" }, Split("a(?=b)", "acab"));
        Assert.Equal("ab", FirstMatch("a(?=b)b", "ab"));
        Assert.Equal("x", FirstMatch(@"x(?=\s+y)", "x   y"));
        Assert.Null(FirstMatch("(?=a)b", "ab"));
        Assert.Equal("a", FirstMatch("(?=(?:a|ab)c)a", "abc")); // the lookahead backtracks inside its body
    }

    [Fact]
    public void LookbehindSeesTextBeforeThePosition()
    {
        Assert.Equal(new[] { "b" }, Split("(?<=a)b", "cbab"));
        Assert.Equal(new[] { "b", "b" }, Split("(?<!a)b", "cbabb"));
        Assert.Equal(new[] { "d", "d" }, Split("(?<=ab|c)d", "abdcdbd"));
        Assert.Equal(new[] { "d" }, Split("(?<!ab|c)d", "abdcdbd"));
        Assert.Equal(new[] { "x" }, Split("(?<=\U00020000)x", "x\U00020000x"));
        Assert.Equal(new[] { "b" }, Split("(?<=^a)b", "abab"));
        Assert.Equal(new[] { "a" }, Split("(?<!.)a", "aa")); // nothing before the start of the text
        // Lookbehind looks before the search start.
        byte[] text = "ab"u8.ToArray();
        Assert.True(CodePointRegex.Parse("(?<=a)b").TryMatch(text, 1, out int start, out int end));
        Assert.Equal((1, 2), (start, end));
    }

    [Fact]
    public void EndAnchorMatchesOnlyAtTheEndOfTheText()
    {
        Assert.Equal(new[] { "  " }, Split(@"\s++$", "a  "));
        Assert.Empty(Split(@"\s++$", "a  b"));
        Assert.Null(FirstMatch("a$", "a\n")); // no trailing-newline exception, as Rust
        Assert.Equal("a", FirstMatch("(?m)a$", "a\n"));
        Assert.Equal("a", FirstMatch(@"a\z", "ba"));
        Assert.Equal("a", FirstMatch(@"a\Z", "a\n\n"));
        Assert.Null(FirstMatch(@"a\Z", "a\nb"));
    }

    [Fact]
    public void StartAnchorMatchesOnlyAtTheStartOfTheText()
    {
        Assert.Equal(new[] { "a" }, Split("^a", "aa"));
        Assert.Equal(new[] { "a", "a" }, Split("(?m)^a", "a\na"));
        Assert.Equal(new[] { "a" }, Split(@"\Aa", "aa"));
        byte[] text = "aa"u8.ToArray();
        Assert.False(CodePointRegex.Parse("^a").TryMatch(text, 1, out _, out _));
    }

    [Fact]
    public void WordBoundariesUseUnicodeWordCharacters()
    {
        Assert.Equal(new[] { "foo" }, Split(@"\bfoo\b", "foobar foo"));
        Assert.Equal(new[] { "oo" }, Split(@"\Boo\b", "foo oof"));
        Assert.Equal(new[] { "été" }, Split(@"\b\w+\b", "été"));
        Assert.Equal(new[] { "ab" }, Split(@"\<ab\>", "abc ab"));
    }

    [Fact]
    public void DotMatchesAnyCodePointButNewLine()
    {
        Assert.True(FullMatch(".", "\U0001F600"));
        Assert.True(FullMatch(".", "\r"));
        Assert.False(FullMatch(".", "\n"));
        Assert.True(FullMatch("(?s).", "\n"));
        Assert.True(FullMatch("(?s:.)", "\n"));
        Assert.Equal(new[] { "ab", "c" }, Split(".+", "ab\nc"));
    }

    [Fact]
    public void AstralLettersAreOneCodePoint()
    {
        Assert.Equal(new[] { "x\U00020000\U00020001y" }, Split(@"\p{L}+", "x\U00020000\U00020001y"));
        Assert.True(FullMatch(@"\p{L}", "\U00020000"));
        Assert.True(FullMatch(@"\p{Lo}", "\U00020000"));
        Assert.True(FullMatch(@"\p{Lu}\p{Ll}", "\U0001D400\U0001D41A"));
        Assert.True(FullMatch(@"\p{So}", "\U0001F600"));
        Assert.True(FullMatch(@"\p{Nd}", "\U0001D7CE"));
        Assert.True(FullMatch(@"[\x{20000}-\x{2A6DF}]{2}", "\U00020000\U00020001"));
        Assert.True(FullMatch("\U0001F600+", "\U0001F600\U0001F600"));
        Assert.True(FullMatch("[\U0001F600-\U0001F64F]", "\U0001F601"));
        Assert.True(FullMatch(@"\W", "\U0001F600"));
    }

    [Theory]
    [InlineData("\u0020", true)]
    [InlineData("\t", true)]
    [InlineData("\n", true)]
    [InlineData("\v", true)]
    [InlineData("\f", true)]
    [InlineData("\r", true)]
    [InlineData("\u0085", true)]
    [InlineData("\u00A0", true)]
    [InlineData("\u1680", true)]
    [InlineData("\u2003", true)]
    [InlineData("\u2028", true)]
    [InlineData("\u2029", true)]
    [InlineData("\u202F", true)]
    [InlineData("\u3000", true)]
    [InlineData("\uFEFF", false)]
    [InlineData("\u180E", false)]
    [InlineData("\u200B", false)]
    [InlineData("x", false)]
    public void WhiteSpaceIsTheUnicodeWhiteSpaceProperty(string c, bool isSpace)
    {
        Assert.Equal(isSpace, FullMatch(@"\s", c));
        Assert.Equal(!isSpace, FullMatch(@"\S", c));
        Assert.Equal(!isSpace, FullMatch(@"[^\s]", c));
    }

    [Theory]
    [InlineData("7", true, true, true)]
    [InlineData("\u0663", true, true, true)]
    [InlineData("\uFF11", true, true, true)]
    [InlineData("\u2160", false, true, true)]
    [InlineData("\u00B2", false, true, false)]
    [InlineData("a", false, false, true)]
    [InlineData("\u0301", false, false, true)]
    [InlineData("_", false, false, true)]
    [InlineData("\u200D", false, false, true)]
    [InlineData("\u24B6", false, false, true)]
    [InlineData("\u01C5", false, false, true)]
    [InlineData("-", false, false, false)]
    [InlineData("\U0001F600", false, false, false)]
    public void DigitsNumbersAndWordCharacters(string c, bool digit, bool number, bool word)
    {
        Assert.Equal(digit, FullMatch(@"\d", c));
        Assert.Equal(!digit, FullMatch(@"\D", c));
        Assert.Equal(number, FullMatch(@"\p{N}", c));
        Assert.Equal(word, FullMatch(@"\w", c));
        Assert.Equal(!word, FullMatch(@"\W", c));
    }

    [Theory]
    [InlineData(@"\p{L}", "a")]
    [InlineData(@"\pL", "a")]
    [InlineData(@"\p{Letter}", "a")]
    [InlineData(@"\p{Lowercase_Letter}", "a")]
    [InlineData(@"\p{lowercase letter}", "a")]
    [InlineData(@"\p{LOWERCASE-LETTER}", "a")]
    [InlineData(@"\p{ll}", "a")]
    [InlineData(@"\p{gc=Ll}", "a")]
    [InlineData(@"\p{General_Category=Lowercase_Letter}", "a")]
    [InlineData(@"\p{isLl}", "a")]
    [InlineData(@"\p{Lu}", "A")]
    [InlineData(@"\p{Uppercase_Letter}", "A")]
    [InlineData(@"\p{Lt}", "\u01C5")]
    [InlineData(@"\p{Lm}", "\u02B0")]
    [InlineData(@"\p{Lo}", "\u4E00")]
    [InlineData(@"\p{LC}", "\u01C5")]
    [InlineData(@"\p{M}", "\u0301")]
    [InlineData(@"\p{Mark}", "\u0903")]
    [InlineData(@"\p{Mn}", "\u0301")]
    [InlineData(@"\p{Mc}", "\u0903")]
    [InlineData(@"\p{Me}", "\u20DD")]
    [InlineData(@"\p{Number}", "\u2160")]
    [InlineData(@"\p{Nl}", "\u2160")]
    [InlineData(@"\p{No}", "\u00BD")]
    [InlineData(@"\p{Punctuation}", "!")]
    [InlineData(@"\p{Pc}", "_")]
    [InlineData(@"\p{Pd}", "-")]
    [InlineData(@"\p{Ps}", "(")]
    [InlineData(@"\p{Pe}", ")")]
    [InlineData(@"\p{Pi}", "\u00AB")]
    [InlineData(@"\p{Pf}", "\u00BB")]
    [InlineData(@"\p{Po}", "!")]
    [InlineData(@"\p{Symbol}", "+")]
    [InlineData(@"\p{Sm}", "+")]
    [InlineData(@"\p{Sc}", "$")]
    [InlineData(@"\p{Sk}", "^")]
    [InlineData(@"\p{So}", "\u00A9")]
    [InlineData(@"\p{Separator}", "\u3000")]
    [InlineData(@"\p{Zs}", " ")]
    [InlineData(@"\p{Zl}", "\u2028")]
    [InlineData(@"\p{Zp}", "\u2029")]
    [InlineData(@"\p{Other}", "\u0378")]
    [InlineData(@"\p{Cc}", "\u0000")]
    [InlineData(@"\p{Cf}", "\uFEFF")]
    [InlineData(@"\p{Co}", "\uE000")]
    [InlineData(@"\p{Cn}", "\u0378")]
    [InlineData(@"\p{Any}", "\U0010FFFF")]
    [InlineData(@"\p{ASCII}", "~")]
    [InlineData(@"\PL", "1")]
    [InlineData(@"\P{N}", "a")]
    [InlineData(@"\p{gc!=L}", "1")]
    public void GeneralCategoriesByShortAndLongName(string pattern, string c) => Assert.True(FullMatch(pattern, c));

    [Fact]
    public void CaseInsensitiveMatchingUsesSimpleCaseFoldingOrbits()
    {
        Assert.True(FullMatch("(?i)s", "\u017F"));      // ſ LATIN SMALL LETTER LONG S
        Assert.True(FullMatch("(?i)S", "\u017F"));
        Assert.True(FullMatch("(?i)\u017F", "s"));
        Assert.True(FullMatch("(?i)k", "\u212A"));      // KELVIN SIGN
        Assert.True(FullMatch("(?i)\u212A", "K"));
        Assert.True(FullMatch("(?i)\u00E5", "\u212B")); // ANGSTROM SIGN
        Assert.True(FullMatch("(?i)\u03C3", "\u03C2")); // σ, ς, Σ
        Assert.True(FullMatch("(?i)\u03C2", "\u03A3"));
        Assert.True(FullMatch("(?i)\u01C6", "\u01C5")); // ǆ, ǅ, Ǆ
        Assert.True(FullMatch("(?i)\u00DF", "\u1E9E")); // ß, ẞ
        Assert.True(FullMatch("(?i)\U00010428", "\U00010400")); // Deseret, astral
        Assert.True(FullMatch("(?i:[a-z]+)", "\u017F\u212AX"));
        Assert.False(FullMatch("(?i)i", "\u0131"));     // no Turkish dotless i, as Rust's simple folding
        Assert.False(FullMatch("(?i)i", "\u0130"));
        Assert.False(FullMatch("(?i)[^k]", "\u212A"));
        Assert.True(FullMatch(@"(?i)\p{Lu}", "a"));
        Assert.False(FullMatch("(?i)(?-i:s)", "S"));
        Assert.True(FullMatch("(?i:s)(?-i)s", "Ss"));
        Assert.False(FullMatch("(?i:s)s", "SS"));
        Assert.True(FullMatch("a(?i)b|c", "C"));      // the flag holds until the end of the group
        Assert.False(FullMatch("(?:a(?i)b)c", "abC"));
    }

    [Fact]
    public void ContractionAlternativeFoldsCaseAsTiktokenDoes()
    {
        string contraction = "'(?i:[sdmt]|ll|ve|re)";
        foreach (string s in new[] { "'s", "'S", "'\u017F", "'ll", "'LL", "'lL", "'Ve", "'RE", "'T", "'d", "'M" })
            Assert.True(FullMatch(contraction, s), s);
        foreach (string s in new[] { "'k", "'\u212A", "'L", "'v", "'x" })
            Assert.False(FullMatch(contraction, s), s);
    }

    [Fact]
    public void InvalidUtf8BytesAreOneUnmatchableCodePointEach()
    {
        var regexes = new Dictionary<string, bool>
        {
            ["."] = true, [@"\S"] = true, [@"\P{L}"] = true, [@"[^\s\p{L}\p{N}]"] = true, [@"\W"] = true, [@"\D"] = true,
            ["(?s)."] = true, [@"[^a]"] = true,
            [@"\s"] = false, [@"\p{L}"] = false, [@"\p{Cn}"] = false, [@"\p{C}"] = false, [@"\w"] = false, [@"\d"] = false,
            [@"[\x00-\x{10FFFF}]"] = false, ["\uFFFD"] = false, [@"\p{Any}"] = false,
        };
        foreach (byte[] bytes in new[] { new byte[] { 0xFF }, [0x80], [0xC3], [0xED], [0xF0] })
        {
            foreach (var (pattern, matches) in regexes)
            {
                var regex = CodePointRegex.Parse(@"\A" + pattern + @"\z");
                Assert.True(matches == regex.TryMatch(bytes, 0, out _, out _), $"{pattern} on {EscapeBytes(bytes)}");
            }
        }

        // Each byte of a broken sequence is its own code point; a valid sequence after it is decoded normally.
        byte[] text = [(byte)'a', 0xE4, 0xB8, 0xC3, 0xA9, 0xFF, (byte)' ', 0x80];
        var any = new Tessera.PreTokenizers.RegexSplitter(CodePointRegex.Parse("."));
        Assert.Equal(new[] { (0, 1), (1, 2), (2, 3), (3, 5), (5, 6), (6, 7), (7, 8) }, Pieces(any, text));
        var other = new Tessera.PreTokenizers.RegexSplitter(CodePointRegex.Parse(@"[^\s\p{L}\p{N}]+"));
        Assert.Equal(new[] { (1, 3), (5, 6), (7, 8) }, Pieces(other, text));
        var letters = new Tessera.PreTokenizers.RegexSplitter(CodePointRegex.Parse(@"\p{L}+"));
        Assert.Equal(new[] { (0, 1), (3, 5) }, Pieces(letters, text));
        // A greedy run gives back an invalid byte as one code point, and a valid sequence as one.
        Assert.True(CodePointRegex.Parse(@"\A.+\xE9").TryMatch(text[..5], 0, out _, out int end));
        Assert.Equal(5, end);
        Assert.True(CodePointRegex.Parse(@"\A.+.").TryMatch([0xC3, 0xA9, 0xA9], 0, out _, out end));
        Assert.Equal(3, end);
        Assert.True(CodePointRegex.Parse(@"(?<=\xE9.)x").TryMatch([0xC3, 0xA9, 0xA9, (byte)'x'], 0, out int start, out _));
        Assert.Equal(3, start);
    }

    [Theory]
    [InlineData(@"\x41", "A")]
    [InlineData(@"\x{41}", "A")]
    [InlineData(@"\x{1F600}", "\U0001F600")]
    [InlineData(@"\u0041", "A")]
    [InlineData(@"\u{20000}", "\U00020000")]
    [InlineData(@"\U0001F600", "\U0001F600")]
    [InlineData(@"\t\n\r\f\v\a\e\0", "\t\n\r\f\v\a\u001B\0")]
    [InlineData(@"\\\.\*\+\?\(\)\[\]\{\}\|\^\$\-\/\'\""\ \#\&\~", "\\.*+?()[]{}|^$-/'\" #&~")]
    [InlineData(@"[\-\]\\\^\[]+", "-]\\^[")]
    [InlineData(@"\é", "é")]
    [InlineData("é\U0001F600", "é\U0001F600")]
    [InlineData("a{", "a{")]
    [InlineData("a{x}", "a{x}")]
    [InlineData("a}", "a}")]
    [InlineData("]", "]")]
    [InlineData(@"\h+\H", "0aF!")]
    public void EscapesAndLiterals(string pattern, string text) => Assert.True(FullMatch(pattern, text), pattern);

    [Theory]
    [InlineData("[abc]+", "cab", true)]
    [InlineData("[^abc]", "d", true)]
    [InlineData("[^abc]", "a", false)]
    [InlineData("[a-z]+", "xyz", true)]
    [InlineData("[a-]+", "a-", true)]
    [InlineData("[-a]+", "-a", true)]
    [InlineData("[]a]+", "]a", true)]
    [InlineData("[^]a]", "]", false)]
    [InlineData(@"[\p{L}\d]+", "a1\u0663", true)]
    [InlineData(@"[^\s\p{L}\p{N}]+", "!?\U0001F600", true)]
    [InlineData(@"[^\s\p{L}\p{N}]", "\u00A0", false)]
    [InlineData(@"[a[0-9]]+", "a5", true)]
    [InlineData(@"[^[^a]]", "a", true)]
    [InlineData(@"[\p{L}&&[^a-z]]", "A", true)]
    [InlineData(@"[\p{L}&&[^a-z]]", "a", false)]
    [InlineData(@"[a-z--aeiou]", "e", false)]
    [InlineData(@"[a-z--aeiou]", "b", true)]
    [InlineData(@"[a-c~~b-d]+", "ad", true)]
    [InlineData(@"[a-c~~b-d]", "b", false)]
    [InlineData("[[:digit:]]+", "09", true)]
    [InlineData("[[:^alpha:]]", "a", false)]
    [InlineData("[[:alpha:][:digit:]]+", "a1", true)]
    [InlineData("[\\x{20000}-\\x{20002}]", "\U00020001", true)]
    [InlineData("[\U00020000-\U00020002]", "\U00020001", true)]
    [InlineData("[\\b]", "\b", true)]
    [InlineData("(?x)[a b]+", "ab", true)]
    public void BracketClasses(string pattern, string text, bool matches) => Assert.Equal(matches, FullMatch(pattern, text));

    [Fact]
    public void GroupsOfEveryKindAreNonCapturing()
    {
        Assert.True(FullMatch("(ab)+", "abab"));
        Assert.True(FullMatch("(?:ab)+", "abab"));
        Assert.True(FullMatch("(?<name>ab)+", "abab"));
        Assert.True(FullMatch("(?P<name>ab)+", "abab"));
        Assert.True(FullMatch("(?'name'ab)+", "abab"));
        Assert.True(FullMatch("()", ""));
        Assert.True(FullMatch("(?:)*a", "a"));
    }

    [Fact]
    public void LoopsWhoseBodyCanBeEmptyTerminate()
    {
        Assert.Null(FirstMatch("(?:a*)*b", "aaac"));
        Assert.Equal("aa", FirstMatch("(?:a|)*", "aa"));
        Assert.Equal("", FirstMatch("(?:|a)*", "aa"));    // as Rust: an empty iteration ends the loop
        Assert.Equal("aab", FirstMatch("(?:a?)+b", "aab"));
        Assert.Equal("ab", FirstMatch("(?:a*?)+b", "ab"));
        Assert.Equal("ab", FirstMatch(@"(?:\b)*ab", "ab"));
        Assert.Equal("aaa", FirstMatch("(?:a*)+", "aaa"));
    }

    [Fact]
    public void ExtendedModeIgnoresWhiteSpaceAndComments()
    {
        Assert.True(FullMatch("(?x) a b # comment\n c", "abc"));
        Assert.True(FullMatch(@"(?x) a \  b", "a b"));
        Assert.True(FullMatch("(?x) a {2} ", "aa"));
        Assert.True(FullMatch("(?x: a )  b", "a  b")); // the flag ends with its group
        Assert.False(FullMatch("(?x: a )  b", "ab"));
    }

    [Fact]
    public void SearchStartsAtFromAndSkipsImpossibleStarts()
    {
        var regex = CodePointRegex.Parse("b+");
        byte[] text = "abbab"u8.ToArray();
        Assert.True(regex.TryMatch(text, 0, out int start, out int end));
        Assert.Equal((1, 3), (start, end));
        Assert.True(regex.TryMatch(text, 2, out start, out end));
        Assert.Equal((2, 3), (start, end));
        Assert.True(regex.TryMatch(text, 3, out start, out end));
        Assert.Equal((4, 5), (start, end));
        Assert.False(regex.TryMatch(text, 5, out _, out _));
        Assert.True(CodePointRegex.Parse("x*").TryMatch(text, 5, out start, out end));
        Assert.Equal((5, 5), (start, end));
        Assert.Throws<ArgumentOutOfRangeException>(() => regex.TryMatch(text, 6, out _, out _));
    }

    [Fact]
    public void EmptyMatchesAreSkippedLikeRustFindIter()
    {
        Assert.Equal(new[] { "a", "a" }, Split("a|", "bab\U0001F600a"));
        Assert.Equal(new[] { "aa" }, Split("a*", "baa"));
        Assert.Empty(Split("", "abc"));
        Assert.Empty(Split("x*", ""));
    }

    [Fact]
    public void TiktokenPatternsSplitEnglish()
    {
        Assert.Equal(new[] { "Hello", ",", " world", "'s", " 123", " \u00e9t\u00e9", "!!", "  ", " x", "\n\n" },
            Split(TiktokenPatterns.R50k, "Hello, world's 123 \u00e9t\u00e9!!   x\n\n"));
        Assert.Equal(new[] { "Hello", ",", " world", "'s", " ", "123", "4", " \u00e9t\u00e9", "!!\n", "  ", " x" },
            Split(TiktokenPatterns.Cl100k, "Hello, world's 1234 \u00e9t\u00e9!!\n   x"));
        Assert.Equal(new[] { "Hello", ",", " World's", " ", "123", "4", " \u00c9t\u00e9", "!!\n", "  ", " x" },
            Split(TiktokenPatterns.O200k, "Hello, World's 1234 \u00c9t\u00e9!!\n   x"));
    }

    [Fact]
    public void PatternIsKept()
    {
        Assert.Equal(TiktokenPatterns.O200k, CodePointRegex.Parse(TiktokenPatterns.O200k).Pattern);
    }

    [Fact]
    public void ConcurrentMatchesAgree()
    {
        var regex = CodePointRegex.Parse(TiktokenPatterns.O200k);
        var random = new Random(5);
        string[] units = ["Hello", " world", "'s", "  ", "\n", "123", "\u00e9", "\U0001F600", "!!", "ABC", "de"];
        var texts = Enumerable.Range(0, 64).Select(_ => Encoding.UTF8.GetBytes(string.Concat(
            Enumerable.Range(0, 400).Select(_ => units[random.Next(units.Length)])))).ToArray();
        var expected = texts.Select(t => Pieces(new Tessera.PreTokenizers.RegexSplitter(regex), t)).ToArray();
        Parallel.For(0, 256, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var pieces = Pieces(new Tessera.PreTokenizers.RegexSplitter(regex), texts[i % texts.Length]);
            Assert.Equal(expected[i % texts.Length], pieces);
        });
    }
}
