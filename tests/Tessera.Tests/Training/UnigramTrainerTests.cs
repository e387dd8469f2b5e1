using Tessera.Training;
using Tessera.Training.Unigram;

namespace Tessera.Tests.Training;

/// <summary>
/// The parts of unigram training: the digamma update, which strings may be pieces, the suffix sort, and the seeds
/// (checked against spm_train's definition computed naively on the running text).
/// </summary>
public sealed class UnigramTrainerTests
{
    [Theory]
    [InlineData(1.0, -0.5772156649015329)]   // -γ
    [InlineData(0.5, -1.9635100260214235)]   // -γ - 2 ln 2
    [InlineData(10.0, 2.251752589066721)]
    [InlineData(1000.0, 6.907255195648812)]
    public void DigammaMatchesItsKnownValues(double x, double expected) =>
        Assert.Equal(expected, UnigramEm.Digamma(x), 1e-9);

    [Theory]
    [InlineData("▁the", true)]
    [InlineData("the", true)]
    [InlineData("t▁he", false)]          // "▁" only in front
    [InlineData("a1", false)]            // digits are Common, letters Latin
    [InlineData("1.5", true)]            // all Common
    [InlineData("aα", false)]            // Latin then Greek
    [InlineData("ひらがな漢字カタカナー", true)] // Hiragana, Katakana and U+30FC count as Han
    [InlineData("é", true)]              // e and a combining mark (Inherited takes the script before it)
    [InlineData("a▅", false)]            // the unknown character
    [InlineData("abcdefghijklmnopq", false)] // 17 characters
    public void PieceRulesFollowSpmTrain(string piece, bool valid) =>
        Assert.Equal(valid, new PieceRules(new UnigramTrainerOptions()).IsValid(CodePoints(piece)));

    [Fact]
    public void SplitDigitsKeepsDigitsAlone()
    {
        var rules = new PieceRules(new UnigramTrainerOptions { SplitDigits = true });
        Assert.True(rules.IsValid(CodePoints("7")));
        Assert.False(rules.IsValid(CodePoints("42")));
        Assert.True(new PieceRules(new UnigramTrainerOptions { SplitByNumber = false }).IsValid(CodePoints("a1")));
    }

    [Fact]
    public void SuffixSortOrdersSuffixesAsAComparisonSortDoes()
    {
        var random = new Random(7);
        int[] text = [.. Enumerable.Range(0, 3000).Select(_ => random.Next(6))]; // 0 ends a word
        text[^1] = 0;
        foreach (int depth in new[] { 3, 17 })
        {
            int[] sorted = SuffixSort.Sort(text, depth);
            int[] expected = [.. Enumerable.Range(0, text.Length).Where(i => text[i] != 0).Order(Comparer<int>.Create((a, b) => Naive(text, a, b, depth)))];
            Assert.Equal(expected, sorted);
        }

        static int Naive(int[] text, int a, int b, int depth)
        {
            for (int d = 0; d < depth; d++)
            {
                if (text[a + d] != text[b + d])
                    return text[a + d].CompareTo(text[b + d]);
                if (text[a + d] == 0)
                    break;
            }
            return a.CompareTo(b);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SeedsAreTheBranchingSubstringsOfTheRunningText(int seed)
    {
        var random = new Random(seed);
        string[] vocabulary = ["low", "lower", "lowest", "newer", "wider", "new", "slow", "er", "est", "ow", "ne"];
        string[] lines = [.. Enumerable.Range(0, 60).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))];
        var counter = new SentencePieceWordCounter(4192, [], new SkippedLines());
        foreach (string line in lines)
            counter.Add(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        var corpus = UnigramCorpus.From(counter.Counts, counter.LineEnds, 1.0);
        var seeds = SeedPieces.Substrings(corpus, new PieceRules(new UnigramTrainerOptions()), 16, 1_000_000)
            .ToDictionary(s => Text(corpus, s), s => s.Score);

        // spm_train's seeds, naively: substrings of the running text ("▁" words, lines ended by \0) seen at least
        // twice and followed by at least two different characters, valid as pieces
        string running = string.Concat(lines.Select(l => "▁" + l.Replace(' ', '▁') + "\0"));
        var expected = new Dictionary<string, long>();
        for (int length = 2; length <= 16; length++)
        {
            foreach (IGrouping<string, int> occurrences in Enumerable.Range(0, running.Length - length).GroupBy(i => running.Substring(i, length)))
            {
                string piece = occurrences.Key;
                if (piece.Contains('\0') || piece.IndexOf('▁', 1) >= 0 || occurrences.Count() < 2)
                    continue;
                if (occurrences.Select(i => running[i + length]).Distinct().Count() >= 2)
                    expected[piece] = occurrences.Count() * (long)length;
            }
        }
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), seeds.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void SeedsOfTheWorkedExample()
    {
        // docs/algorithms/unigram-training.md, section 3: the running text "▁low▁lower\0▁lower▁low\0"
        var counter = new SentencePieceWordCounter(4192, [], new SkippedLines());
        counter.Add("low lower\n"u8);
        counter.Add("lower low\n"u8);
        var corpus = UnigramCorpus.From(counter.Counts, counter.LineEnds, 1.0);
        Assert.Equal([('l', 4L), ('o', 4), ('w', 4), ('▁', 4), ('e', 2), ('r', 2)], corpus.Alphabet.Select(c => ((char)c.CodePoint, c.Count)));
        var seeds = SeedPieces.Substrings(corpus, new PieceRules(new UnigramTrainerOptions()), 16, 1_000_000);
        Assert.Equal(["▁low 16", "low 12", "▁lower 12", "lower 10", "ow 8", "ower 8", "wer 6", "er 4"], seeds.Select(s => $"{Text(corpus, s)} {s.Score}"));
    }

    private static string Text(UnigramCorpus corpus, SeedPieces.Seed seed) =>
        string.Concat(corpus.Symbols.Skip(seed.At).Take(seed.Length).Select(s => char.ConvertFromUtf32(corpus.CodePoints[s])));

    private static int[] CodePoints(string text) => [.. text.EnumerateRunes().Select(r => r.Value)];
}
