using System.Text;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;
using Tessera.Tests.Conformance;
using static Tessera.Tests.PreTokenizers.Regex.RegexTestHelpers;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>
/// The hand-written DeepSeek V3 splitter cuts exactly the pieces the chain of its three patterns cuts with the regex
/// engine (<see cref="ChainSplitter"/>, itself checked against Hugging Face's ids on the conformance inputs): on the
/// conformance inputs, and on seeded random strings over the characters that matter to the patterns.
/// </summary>
public sealed class DeepSeekSplitterTests
{
    private static readonly CodePointRegex[] s_chain = ChainSplitter.Compile(DeepSeekSplitter.Patterns)!;

    /// <summary>Units random strings are drawn from: one or two characters of each class the patterns tell apart.</summary>
    private static readonly string[] s_units =
    [
        "a", "b", "Z", "x", "é", "É", "ß", "σ", "ж", "ا", "א", "\u0301", "\u0308", "\u0903", "\u20DD", "\u02B0",
        "0", "1", "12", "1234", "٣", "\uFF11", "\u00B2", "\u00BD", "\u2160", "\U0001D7CE", "〇",
        " ", " ", "  ", "\r", "\n", "\r\n", "\t", "\v", "\f", "\u00A0", "\u0085", "\u2028", "\u3000", "\u2003", "\u1680",
        ".", ",", "!", "?", "-", "/", "(", ")", "\"", "'", "$", "_", "#", "@", "\\", "^", "~", "`", "{", "|", "+", "<", "=",
        "'s", "'t", ".x", "$abc", "_Ab", "–", "—", "«", "»", "¿", "€", "©", "°", "™", "→", "∑",
        "一", "中", "文", "龥", "\u9FA6", "\u9FFF", "あ", "が", "\u3099", "\u309B", "\u309D", "\u3040", "ア", "・", "ー", "\u30A0", "\u30FF", "ｱ", "가", "。", "、", "「", "」",
        "\U00020000", "\U0001D400", "\U0001F600", "\U0001F44D\U0001F3FD", "\u200B", "\u200D", "\u200C", "\uFEFF",
        "\u0378", "\uE000", "\u00AD", "\u0000", "\u007F", "\u0001",
    ];

    [Fact]
    public void TheConformanceInputsSplitAsTheChainSplitsThem()
    {
        foreach (string input in GoldenFiles.InputNames())
            foreach (string document in GoldenFiles.Documents(input))
                AssertSameSplit(Encoding.UTF8.GetBytes(document));
    }

    [Fact]
    public void RandomStringsSplitAsTheChainSplitsThem()
    {
        var random = new Random(20261130);
        var sb = new StringBuilder();
        for (int i = 0; i < 20000; i++)
        {
            sb.Clear();
            int units = random.Next(1, i % 10 == 0 ? 80 : 16);
            for (int u = 0; u < units; u++)
                sb.Append(s_units[random.Next(s_units.Length)]);
            AssertSameSplit(Encoding.UTF8.GetBytes(sb.ToString()));
        }
    }

    [Theory]
    [InlineData("  ")]
    [InlineData("7")]
    [InlineData("x")]
    [InlineData(" \n")]
    [InlineData("中")]
    [InlineData("$ab")]
    [InlineData(" .\n")]
    [InlineData("\u200B")]
    public void LongRunsSplitAsTheChainSplitsThem(string unit)
    {
        string run = new StringBuilder().Insert(0, unit, 20_000 / unit.Length).ToString();
        foreach (string text in new[] { run, run + "x", run + " ", "x" + run + "1", run + "\n" + run, " " + run + "!" })
            AssertSameSplit(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void TheLoweredDeepSeekPipelineUsesTheHandWrittenSplitter()
    {
        var tokenizer = Tokenizer.Load(TestPaths.HuggingFaceAsset("deepseek_v3"));
        Assert.Equal(Tessera.Internal.SplitterKind.DeepSeek, tokenizer.Pipeline.Lowered!.Encoder.Kind);
    }

    private static void AssertSameSplit(byte[] text)
    {
        List<(int Start, int End)> expected = Pieces(new ChainSplitter(s_chain), text);
        List<(int Start, int End)> actual = Pieces(new DeepSeekSplitter(), text);
        AssertSamePieces(text, "", "chain", expected, "hand-written", actual);
    }
}
