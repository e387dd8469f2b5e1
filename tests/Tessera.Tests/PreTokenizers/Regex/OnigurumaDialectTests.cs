using System.Text;
using Tessera.PreTokenizers.Regex;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>
/// Where Oniguruma (Hugging Face's regex library) and Rust's fancy-regex read a pattern differently; the Oniguruma
/// answers were printed by Hugging Face tokenizers (a Split pre-tokenizer). Goldens/hf/pre-tokenizers.json checks the
/// same constructs on every code point.
/// </summary>
public sealed class OnigurumaDialectTests
{
    /// <summary>The first match of <paramref name="pattern"/> in <paramref name="text"/> as a string, or null.</summary>
    private static string? FirstMatch(string pattern, string text, RegexDialect dialect)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return CodePointRegex.Parse(pattern, dialect).TryMatch(utf8, 0, out int start, out int end)
            ? Encoding.UTF8.GetString(utf8, start, end - start)
            : null;
    }

    [Theory]
    [InlineData("a$", "a\na\n", "a", null)]           // $ is a line end in Oniguruma
    [InlineData("^b", "a\nb", "b", null)]             // ^ is a line start
    [InlineData("(?m)a.b", "a\nb", "a\nb", null)]     // (?m) is Ruby's dot-all
    [InlineData(@"\w+", "x²", "x²", "x")]             // ² is a word character in Oniguruma's Latin-1 table
    [InlineData(@"\w+", "a\u200Db", "a", "a\u200Db")] // ZWJ (Join_Control) is in Rust's \w only
    [InlineData(@"(?i)\p{Lu}", "aB", "B", "a")]       // a bare property is not case-folded in Oniguruma
    [InlineData(@"(?i)[\p{Lu}]", "aB", "a", "a")]     // a bracket class is
    [InlineData("(?i)ss", "xßy", "ß", null)]          // multi-character case folding
    [InlineData("(?i)ß", "xSsy", "Ss", null)]
    [InlineData("(?i)[ß]", "xssy", "ss", null)]
    [InlineData("(?i)st", "\uFB06", "\uFB06", null)]
    [InlineData(@"a\Z", "a\n\n", null, "a")]          // \Z allows one final new line in Oniguruma
    [InlineData(@"\<a", "<a", "<a", "a")]             // \< is a plain character in Oniguruma
    public void ReadsPatternsAsOnigurumaDoes(string pattern, string text, string? oniguruma, string? rust)
    {
        Assert.Equal(oniguruma, FirstMatch(pattern, text, RegexDialect.Oniguruma));
        Assert.Equal(rust, FirstMatch(pattern, text, RegexDialect.Rust));
    }

    [Fact]
    public void LineStartDoesNotMatchAtTheEndAfterAFinalNewLine()
    {
        byte[] text = Encoding.UTF8.GetBytes("a\n");
        Assert.False(CodePointRegex.Parse("^", RegexDialect.Oniguruma).TryMatch(text, 1, out _, out _));
        Assert.True(CodePointRegex.Parse("(?m)^", RegexDialect.Rust).TryMatch(text, 1, out int start, out _) && start == 2);
    }

    [Fact]
    public void DotAllFlagSDoesNotExist() =>
        Assert.Throws<ArgumentException>(() => CodePointRegex.Parse("(?s)a", RegexDialect.Oniguruma));

    [Fact]
    public void PosixClassesAreNotSupported() =>
        Assert.Throws<NotSupportedException>(() => CodePointRegex.Parse("[[:alpha:]]", RegexDialect.Oniguruma));
}
