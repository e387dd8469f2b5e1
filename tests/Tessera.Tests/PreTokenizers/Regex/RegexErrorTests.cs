using Tessera.PreTokenizers.Regex;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>Malformed patterns are <see cref="ArgumentException"/>s, unsupported ones <see cref="NotSupportedException"/>s, both with a position.</summary>
public sealed class RegexErrorTests
{
    [Theory]
    [InlineData("(ab", 0)]
    [InlineData("a(b(c)", 1)]
    [InlineData("ab)", 2)]
    [InlineData("[ab", 0)]
    [InlineData("x[a[b]", 1)]
    [InlineData("[]", 0)]
    [InlineData("a**", 2)]
    [InlineData("*a", 0)]
    [InlineData("a|?", 2)]
    [InlineData("(+)", 1)]
    [InlineData("a{3,2}", 1)]
    [InlineData("{2}", 0)]
    [InlineData("^*", 1)]
    [InlineData("(?=a)+", 5)]
    [InlineData(@"\q", 0)]
    [InlineData(@"ab\", 2)]
    [InlineData(@"\x4", 0)]
    [InlineData(@"\x{}", 0)]
    [InlineData(@"\x{110000}", 0)]
    [InlineData(@"\u{D800}", 0)]
    [InlineData(@"\p{L", 0)]
    [InlineData(@"\p{}", 0)]
    [InlineData(@"[z-a]", 1)]
    [InlineData(@"[a-\d]", 1)]
    [InlineData(@"(?z)", 2)]
    [InlineData(@"(?)", 2)]
    [InlineData(@"(?i-)", 4)]
    [InlineData(@"(?<1a>x)", 0)]
    [InlineData("[a&&]", 2)]
    public void MalformedPatternsNameThePosition(string pattern, int position)
    {
        var error = Assert.Throws<ArgumentException>(() => CodePointRegex.Parse(pattern));
        Assert.Contains($"at position {position}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"(a)\1", 3, "backreference")]
    [InlineData(@"\k<x>", 0, "backreference")]
    [InlineData(@"(?<=a+)b", 0, "lookbehind")]
    [InlineData(@"x(?<!a|b*)b", 1, "lookbehind")]
    [InlineData(@"\p{Han}", 0, "Han")]
    [InlineData(@"\p{Script=Latin}", 0, "Latin")]
    [InlineData(@"(?U)a", 2, "swap-greed")]
    [InlineData(@"(?-u)a", 3, "non-Unicode")]
    [InlineData(@"(?(1)a|b)", 0, "conditional")]
    [InlineData(@"a\G", 1, "\\G")]
    [InlineData(@"a\K", 1, "\\K")]
    [InlineData(@"\b{start}", 0, "word boundary")]
    public void UnsupportedConstructsNameThemselvesAndThePosition(string pattern, int position, string construct)
    {
        var error = Assert.Throws<NotSupportedException>(() => CodePointRegex.Parse(pattern));
        Assert.Contains($"at position {position}", error.Message, StringComparison.Ordinal);
        Assert.Contains(construct, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnpairedSurrogatesAreRejected()
    {
        foreach (string pattern in new[] { "a\uD800", "a\uDC00b", "[\uD800]" })
            Assert.Contains("unpaired surrogate", Assert.Throws<ArgumentException>(() => CodePointRegex.Parse(pattern)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeUnrolledRepetitionsAreRejected()
    {
        Assert.Throws<NotSupportedException>(() => CodePointRegex.Parse("(?:ab|cd){100000}"));
        // One code point repeated any number of times is a single instruction.
        Assert.NotNull(CodePointRegex.Parse("a{1000000}"));
    }

    [Fact]
    public void DeepNestingIsRejectedNotAStackOverflow()
    {
        string deep = new string('(', 5000) + new string(')', 5000);
        Assert.Throws<NotSupportedException>(() => CodePointRegex.Parse(deep));
    }

    [Fact]
    public void NullPatternIsRejected() => Assert.Throws<ArgumentNullException>(() => CodePointRegex.Parse(null!));
}
