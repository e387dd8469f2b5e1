using System.Text;
using Tessera.Formats.Tiktoken;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;
using static Tessera.Tests.PreTokenizers.Regex.RegexTestHelpers;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>
/// The engine running the three built-in tiktoken patterns must split exactly as the hand-written splitters:
/// seeded random strings over the characters that matter to these patterns, thousands of them.
/// </summary>
public sealed class SplitterEquivalenceTests
{
    private static readonly CodePointRegex s_r50k = CodePointRegex.Parse(TiktokenPatterns.R50k);
    private static readonly CodePointRegex s_cl100k = CodePointRegex.Parse(TiktokenPatterns.Cl100k);
    private static readonly CodePointRegex s_cl100kOlder = CodePointRegex.Parse(TiktokenPatterns.Cl100kOlderForm, RegexDialect.Oniguruma);
    private static readonly CodePointRegex s_qwen = CodePointRegex.Parse(TiktokenPatterns.Qwen, RegexDialect.Oniguruma);
    private static readonly CodePointRegex s_o200k = CodePointRegex.Parse(TiktokenPatterns.O200k);

    /// <summary>Units random strings are drawn from: code points and short sequences.</summary>
    private static readonly string[] s_units =
    [
        "a", "b", "z", "A", "Q", "Z", "x", "S", "s", "t", "e", "L", "l", "v", "r", "d", "m", "D", "M", "T", "R", "V", "E",
        "0", "1", "7", "9",
        " ", " ", " ", "  ", "\r", "\n", "\r\n", "\t", "\v", "\f",
        "'", "'", "'s", "'S", "'LL", "'ll", "'ve", "'Re", "'t", "'d", "'m", "'x",
        ".", ",", "!", "?", "-", "/", "(", ")", "\"", "$", "_", "#", "@", "\\", "^", "~", "`", "{", "|",
        "\u00A0", "\u0085", "\u2028", "\u2029", "\u3000", "\u2003", "\u1680", "\u180E", "\uFEFF",
        "\u017F", "\u212A", "\u00E9", "\u00C9", "\u00DF", "\u03C3", "\u03A3", "\u03C2",
        "\u0301", "\u0308", "\u0903", "\u20DD",
        "\u01C5", "\u02B0", "\u02B0", "\u3005", "\u4E00", "\u4E8C", "\u05D0",
        "\U00020000", "\U0001D400", "\U0001D41A", "\U0001F600", "\U0001F44D\U0001F3FD", "\u200D", "\u200C",
        "\u0663", "\uFF11", "\U0001D7CE", "\u2160", "\u00B2", "\u00BD",
        "\u0378", "\uE000", "\u00AD", "\u0000", "\u007F",
    ];

    public static TheoryData<string> Encodings => new() { "r50k", "cl100k", "o200k", "qwen", "cl100k-older" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void RandomStringsSplitLikeTheHandWrittenSplitter(string encoding)
    {
        var random = new Random(20240611 + encoding.Length);
        var sb = new StringBuilder();
        for (int i = 0; i < 6000; i++)
        {
            sb.Clear();
            int units = random.Next(1, i % 10 == 0 ? 80 : 16);
            for (int u = 0; u < units; u++)
                sb.Append(s_units[random.Next(s_units.Length)]);
            AssertSameSplit(encoding, Encoding.UTF8.GetBytes(sb.ToString()));
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void RandomBytesSplitLikeTheHandWrittenSplitter(string encoding)
    {
        // Invalid UTF-8 included: truncated sequences, stray continuation bytes, encoded surrogates, overlongs.
        byte[][] pieces =
        [
            [0x80], [0xBF], [0xC3], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF0, 0x9F, 0x98], [0xFF],
            [0xF4, 0x90, 0x80, 0x80], [0xC3, 0xA9, 0xA9],
        ];
        var random = new Random(7 + encoding.Length);
        var bytes = new List<byte>();
        for (int i = 0; i < 3000; i++)
        {
            bytes.Clear();
            int units = random.Next(1, 14);
            for (int u = 0; u < units; u++)
            {
                if (random.Next(3) == 0)
                    bytes.AddRange(pieces[random.Next(pieces.Length)]);
                else
                    bytes.AddRange(Encoding.UTF8.GetBytes(s_units[random.Next(s_units.Length)]));
            }
            AssertSameSplit(encoding, bytes.ToArray());
        }
    }

    public static TheoryData<string, string> LongRuns()
    {
        var data = new TheoryData<string, string>();
        string[] runs = ["  ", "x", "7", "\n", " \n", "\r\n ", "ab ", "A", "a", " x", "'s", "\u00A0", "\u3000 ", "\u0301", "\U00020000", ".", " .\n"];
        foreach (string encoding in new[] { "r50k", "cl100k", "o200k", "qwen", "cl100k-older" })
        {
            foreach (string run in runs)
                data.Add(encoding, run);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LongRuns))]
    public void LongRunsSplitLikeTheHandWrittenSplitter(string encoding, string unit)
    {
        string run = new StringBuilder().Insert(0, unit, 100_000 / unit.Length).ToString();
        foreach (string text in new[] { run, run + "x", run + " ", "x" + run + "1", run + "\n" + run, " " + run + "!" })
            AssertSameSplit(encoding, Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void MixedLongTextSplitsLikeTheHandWrittenSplitters()
    {
        var random = new Random(99);
        var sb = new StringBuilder();
        while (sb.Length < 100_000)
        {
            string unit = s_units[random.Next(s_units.Length)];
            int repeat = random.Next(4) == 0 ? random.Next(1, 200) : 1;
            for (int i = 0; i < repeat; i++)
                sb.Append(unit);
        }
        byte[] bytes = Encoding.UTF8.GetBytes(sb.ToString());
        foreach (string encoding in new[] { "r50k", "cl100k", "o200k", "qwen", "cl100k-older" })
            AssertSameSplit(encoding, bytes);
    }

    /// <summary>
    /// The splitters classify 64 bytes at a time: words and punctuation runs of every length up to past a window,
    /// starting at every offset, ended by every kind of byte (a non-ASCII letter or mark continues a word).
    /// </summary>
    [Theory]
    [MemberData(nameof(Encodings))]
    public void AsciiWordsAcrossWindowEdgesSplitLikeTheHandWrittenSplitter(string encoding)
    {
        string[] ends = [" ", ".", "'s", "'", "\u00E9", "\u0301", "!!", " \n", "7", "", "\u00A0", "\r\n"];
        var random = new Random(64 + encoding.Length);
        var sb = new StringBuilder();
        for (int i = 0; i < 4000; i++)
        {
            sb.Clear();
            sb.Append('x', random.Next(0, 70)); // shifts the next run to every offset in a window
            sb.Append(random.Next(4) switch { 0 => " ", 1 => ".", 2 => "", _ => "\t" });
            int length = random.Next(1, 80);
            for (int c = 0; c < length; c++)
            {
                sb.Append(random.Next(6) switch
                {
                    0 => (char)('A' + random.Next(26)),
                    1 => ",.;:-/()"[random.Next(8)],
                    _ => (char)('a' + random.Next(26)),
                });
            }
            sb.Append(ends[random.Next(ends.Length)]);
            sb.Append("abc def"[..random.Next(8)]);
            AssertSameSplit(encoding, Encoding.UTF8.GetBytes(sb.ToString()));
        }
    }

    private static void AssertSameSplit(string encoding, byte[] text)
    {
        (List<(int, int)> expected, List<(int, int)> actual) = encoding switch
        {
            "r50k" => (Pieces(new R50kSplitter(), text), Pieces(new RegexSplitter(s_r50k), text)),
            "cl100k" => (Pieces(new Cl100kSplitter(), text), Pieces(new RegexSplitter(s_cl100k), text)),
            "cl100k-older" => (Pieces(new Cl100kOlderSplitter(), text), Pieces(new RegexSplitter(s_cl100kOlder), text)),
            "qwen" => (Pieces(new QwenSplitter(), text), Pieces(new RegexSplitter(s_qwen), text)),
            _ => (Pieces(new O200kSplitter(), text), Pieces(new RegexSplitter(s_o200k), text)),
        };
        AssertSamePieces(text, $"{encoding}: ", "hand-written", expected, "regex", actual);
    }
}
