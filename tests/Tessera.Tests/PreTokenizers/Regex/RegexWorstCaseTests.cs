using System.Diagnostics;
using System.Text;
using Tessera.Formats.Tiktoken;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>
/// Million-character pieces: no stack overflow (the backtracking stack is on the heap and a run of one set is one
/// frame) and linear time. The limits are hang guards, far above the expected time (tens of milliseconds).
/// </summary>
public sealed class RegexWorstCaseTests
{
    private const int Million = 1_000_000;
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(2);

    private static (int Start, int End) TimedMatch(string pattern, byte[] text, int from = 0)
    {
        var regex = CodePointRegex.Parse(pattern);
        regex.TryMatch("warm up"u8, 0, out _, out _);
        var watch = Stopwatch.StartNew();
        bool found = regex.TryMatch(text, from, out int start, out int end);
        watch.Stop();
        Assert.True(watch.Elapsed < s_limit, $"{pattern}: {watch.Elapsed.TotalMilliseconds} ms");
        return found ? (start, end) : (-1, -1);
    }

    [Fact]
    public void SpaceRunBeforeALetterGivesBackOneSpace()
    {
        byte[] text = Encoding.UTF8.GetBytes(new string(' ', Million) + "x");
        Assert.Equal((0, Million - 1), TimedMatch(@"\s+(?!\S)", text));
    }

    [Fact]
    public void SpaceRunAtTheEndIsTakenWhole()
    {
        byte[] text = Encoding.UTF8.GetBytes(new string(' ', Million));
        Assert.Equal((0, Million), TimedMatch(@"\s+(?!\S)", text));
        Assert.Equal((0, Million), TimedMatch(@"\s++$", text));
    }

    [Fact]
    public void PossessiveLetterRunOverAMillionLetters()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Million / 4; i++)
            sb.Append("ab\u00e9\U00020000");
        byte[] text = Encoding.UTF8.GetBytes(sb.ToString() + "!");
        Assert.Equal((0, text.Length - 1), TimedMatch(@"\p{L}++", text));
        Assert.Equal((0, text.Length - 1), TimedMatch(@"\p{L}+", text));
        // A possessive run that must fail (\p{L}++\p{L}) is quadratic in a backtracker, leftmost-first tries each
        // start; fancy-regex is too, and no tiktoken pattern has that shape.
        Assert.Equal((0, 8), TimedMatch(@"\p{L}++\p{L}|\p{L}{2}\p{L}{2}", text[..40]));
        Assert.Equal((0, text.Length - 1), TimedMatch(@"\p{L}+\p{L}", text));
    }

    [Fact]
    public void LazyRunOverAMillionCharacters()
    {
        byte[] text = Encoding.UTF8.GetBytes(new string('a', Million) + "b");
        Assert.Equal((0, Million + 1), TimedMatch("a+?b", text));
        Assert.Equal((0, Million + 1), TimedMatch("(?:a|c)+?b", text));
    }

    [Fact]
    public void LoopOfAGroupOverAMillionCharacters()
    {
        // One frame per iteration: bounded by the match length, on the heap.
        byte[] text = Encoding.UTF8.GetBytes(new StringBuilder().Insert(0, "ab", Million / 2).ToString() + "c");
        Assert.Equal((0, Million + 1), TimedMatch("(?:ab|cd)*c", text));
        Assert.Equal((0, Million), TimedMatch("(?:a|b)+(?!c)|x", text[..^1]));
    }

    public static TheoryData<string, string> TiktokenUnits()
    {
        var data = new TheoryData<string, string>();
        foreach (string encoding in new[] { "r50k", "cl100k", "o200k" })
        {
            foreach (string unit in new[] { " ", "x", "A", "1", "\n", " \n", "\u0301", "\U0001F600", "!", "\U00020000" })
                data.Add(encoding, unit);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TiktokenUnits))]
    public void TiktokenPatternsOverAMillionRepeatedCharacters(string encoding, string unit)
    {
        var regex = CodePointRegex.Parse(encoding switch
        {
            "r50k" => TiktokenPatterns.R50k,
            "cl100k" => TiktokenPatterns.Cl100k,
            _ => TiktokenPatterns.O200k,
        });
        byte[] text = Encoding.UTF8.GetBytes(new StringBuilder().Insert(0, unit, Million / unit.Length).ToString() + "x");
        var splitter = new RegexSplitter(regex);
        var watch = Stopwatch.StartNew();
        int from = 0, pieces = 0;
        while (true)
        {
            int end = splitter.NextPiece(text, from, out _);
            if (end < 0)
                break;
            pieces++;
            from = end;
        }
        watch.Stop();
        Assert.Equal(text.Length, from);
        Assert.True(pieces > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{encoding} x {RegexTestHelpers.Escape(unit)}: {watch.Elapsed.TotalMilliseconds} ms");
    }
}
