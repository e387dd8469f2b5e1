using System.Text;
using Tessera.PreTokenizers.Regex;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>
/// The literal prefix a search skips to is what every match starts with, and skipping to it finds the same matches as
/// trying every position (the same pattern behind an empty group, which hides its prefix).
/// </summary>
public sealed class LiteralPrefixTests
{
    [Theory]
    [InlineData(" {2,}", "  ")]
    [InlineData("ab+c", "ab")]
    [InlineData("x{3}y", "xxxy")]
    [InlineData("(?:ab){2,3}c", "abab")]
    [InlineData("(?:ab){2}c", "ababc")]
    [InlineData("\u00E9+\u4E2D", "\u00E9")]
    [InlineData("\U0001F600\\s", "\U0001F600")]
    [InlineData("(?>ab)c", "abc")]
    [InlineData("(?i)ab", "")]
    [InlineData("a|b", "")]
    [InlineData("\\s+", "")]
    [InlineData("a*b", "")]
    [InlineData("^ab", "")]
    [InlineData("(?:)ab", "")]
    public void ThePrefixIsWhatEveryMatchStartsWith(string pattern, string prefix)
    {
        Assert.Equal(Encoding.UTF8.GetBytes(prefix), CodePointRegex.Parse(pattern, RegexDialect.Oniguruma).Program.Prefix);
    }

    [Theory]
    [InlineData(" {2,}")]
    [InlineData("ab+c")]
    [InlineData("(?:ab){2,3}")]
    [InlineData("\u00E9\u00E9?")]
    [InlineData("a(?=b)")]
    [InlineData("a\\b")]
    [InlineData("  ?$")]
    public void SkippingToThePrefixFindsTheSameMatches(string pattern)
    {
        var withPrefix = CodePointRegex.Parse(pattern, RegexDialect.Oniguruma);
        var without = CodePointRegex.Parse("(?:)" + pattern, RegexDialect.Oniguruma);
        Assert.NotEmpty(withPrefix.Program.Prefix);
        Assert.Empty(without.Program.Prefix);
        string[] units = ["a", "b", "c", " ", "  ", "\u00E9", "\u00E9\u00E9", "ab", "abab", "\n", "x", "\U0001F600"];
        byte[][] invalid = [[0x80], [0xC3], [0xE2, 0x82], [0xFF]];
        var random = new Random(5);
        for (int i = 0; i < 3000; i++)
        {
            var bytes = new List<byte>();
            for (int u = random.Next(0, 12); u > 0; u--)
                bytes.AddRange(random.Next(8) == 0 ? invalid[random.Next(invalid.Length)] : Encoding.UTF8.GetBytes(units[random.Next(units.Length)]));
            byte[] text = [.. bytes];
            Assert.Equal(Matches(without, text), Matches(withPrefix, text));
        }
    }

    private static List<(int, int)> Matches(CodePointRegex regex, byte[] text)
    {
        var found = new List<(int, int)>();
        for (int from = 0; from <= text.Length && regex.TryMatch(text, from, out int start, out int end);)
        {
            found.Add((start, end));
            from = end > start ? end : end + 1;
        }
        return found;
    }
}
