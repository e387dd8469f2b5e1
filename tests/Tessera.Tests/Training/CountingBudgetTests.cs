using System.Text;
using Tessera.Training;
using Tessera.Training.Unigram;

namespace Tessera.Tests.Training;

/// <summary>
/// Counting within a memory budget: tables that spill give exactly the counts of counting without a budget; when the
/// sum does not fit, what is kept is the exact counts of the pre-tokens seen at least k times for the least k that
/// fits, whatever the threads; run files are deleted.
/// </summary>
public sealed class CountingBudgetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-budget-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Func<IPretokenCounter> ByteLevel => () => new ByteLevelPretokenCounter();

    private static Func<IPretokenCounter> SentencePiece => () => new SentencePieceWordCounter(4192, ["<unk>", "<s>", "</s>"], new SkippedLines());

    private static IPretokenCounter Count(string file, Func<IPretokenCounter> counter, int threads, CountingBudget? budget) =>
        PretokenCounting.CountWith([file], threads, counter, budget: budget);

    private static long Bytes(IPretokenCounter counter) =>
        counter.Counts.Keys.Sum(p => PretokenTable.EntryBytes(p.Length) * (counter.LineEnds?.GetValueOrDefault(p) > 0 ? 2 : 1));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void SpilledTablesAddUpToTheExactCounts(int threads)
    {
        GoldenTrainingSplit.WithTrainingFile(file =>
        {
            foreach (Func<IPretokenCounter> counter in new[] { ByteLevel, SentencePiece })
            {
                IPretokenCounter exact = Count(file, counter, 1, null);
                var budget = new CountingBudget(Bytes(exact) + 1, _folder); // the sum fits, a thread's share does not
                IPretokenCounter spilled = Count(file, counter, threads, budget);
                Assert.True(budget.Spills > 0, "no table reached its share");
                Assert.Equal(0, budget.PretokensLeftOut);
                Assert.Equal(exact.Counts.OrderBy(c => c.Key, StringComparer.Ordinal), spilled.Counts.OrderBy(c => c.Key, StringComparer.Ordinal));
                Assert.Equal(exact.LineEnds?.OrderBy(c => c.Key, StringComparer.Ordinal), spilled.LineEnds?.OrderBy(c => c.Key, StringComparer.Ordinal));
                Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
            }
            return 0;
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ASumThatDoesNotFitKeepsThePretokensSeenMostThatFit(int threads)
    {
        GoldenTrainingSplit.WithTrainingFile(file =>
        {
            foreach (Func<IPretokenCounter> counter in new[] { ByteLevel, SentencePiece })
            {
                IPretokenCounter exact = Count(file, counter, 1, null);
                var budget = new CountingBudget(Bytes(exact) / 5, _folder);
                IPretokenCounter kept = Count(file, counter, threads, budget);
                long least = budget.MinCountKept;
                Assert.True(least > 1);
                var expected = exact.Counts.Where(c => c.Value >= least).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
                Assert.Equal(expected, kept.Counts.OrderBy(c => c.Key, StringComparer.Ordinal));
                Assert.True(Bytes(kept) <= budget.Bytes);
                // the least count that fits: keeping those seen one time fewer would not
                long withOneLess = exact.Counts.Where(c => c.Value >= least - 1).Sum(c => PretokenTable.EntryBytes(c.Key.Length) * (exact.LineEnds?.GetValueOrDefault(c.Key) > 0 ? 2 : 1));
                Assert.True(withOneLess > budget.Bytes);
                Assert.Equal(exact.Counts.Count - expected.Count, budget.PretokensLeftOut);
                Assert.Equal(exact.Counts.Values.Where(v => v < least).Sum(), budget.OccurrencesLeftOut);
                if (exact.LineEnds is { } ends)
                    Assert.Equal(ends.Where(e => exact.Counts[e.Key] >= least).OrderBy(e => e.Key, StringComparer.Ordinal), kept.LineEnds!.OrderBy(e => e.Key, StringComparer.Ordinal));
            }
            return 0;
        });
    }

    [Fact]
    public void AShardSpilledWritesTheSameCountFileWhateverTheBudget()
    {
        GoldenTrainingSplit.WithTrainingFile(file =>
        {
            string Counted(CountingBudget? budget)
            {
                using var output = new MemoryStream();
                PretokenCounting.CountSorted([file], 2, SentencePiece, budget, (sorted, lineEnds) => PretokenCountFile.Write(output, "sentencepiece", sorted, lineEnds));
                return Encoding.UTF8.GetString(output.ToArray());
            }
            string exact = Counted(null);
            var small = new CountingBudget(1 << 20, _folder);
            Assert.Equal(exact, Counted(small)); // a shard's counts are never pruned: the sum of shards must stay exact
            Assert.True(small.Spills > 2);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
            return 0;
        });
    }

    [Fact]
    public void ABudgetThatHoldsNothingIsAnError()
    {
        string file = Path.Combine(_folder, "small.txt");
        File.WriteAllText(file, string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i} of some text\n"))); // a spill a line: more runs than are merged at once
        string spills = Directory.CreateDirectory(Path.Combine(_folder, "spills")).FullName;
        var error = Assert.Throws<ArgumentException>(() => Count(file, ByteLevel, 2, new CountingBudget(10, spills)));
        Assert.Contains("holds not even the pre-tokens seen most often", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(spills));
    }

    [Fact]
    public void MoreRunsThanAreMergedAtOnceAddUpExactly()
    {
        string file = Path.Combine(_folder, "small.txt");
        File.WriteAllText(file, string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i % 50} of some text\n")));
        string spills = Directory.CreateDirectory(Path.Combine(_folder, "spills")).FullName;
        string Counted(CountingBudget? budget)
        {
            using var output = new MemoryStream();
            PretokenCounting.CountSorted([file], 2, SentencePiece, budget, (sorted, lineEnds) => PretokenCountFile.Write(output, "sentencepiece", sorted, lineEnds));
            return Encoding.UTF8.GetString(output.ToArray());
        }
        var everyLine = new CountingBudget(1, spills);
        Assert.Equal(Counted(null), Counted(everyLine));
        Assert.True(everyLine.Spills > RunFiles.MaxFanIn, $"{everyLine.Spills} spills");
        Assert.Empty(Directory.EnumerateFileSystemEntries(spills));
    }

    [Fact]
    public void CountFilesMergedWithinABudgetKeepThoseSeenMost()
    {
        string a = Path.Combine(_folder, "a.counts"), b = Path.Combine(_folder, "b.counts");
        PretokenCountFile.Save(a, "byte-level", new Dictionary<string, long> { ["the"] = 5, ["of"] = 1, ["rare"] = 1 });
        PretokenCountFile.Save(b, "byte-level", new Dictionary<string, long> { ["of"] = 2, ["once"] = 1 });
        var budget = new CountingBudget(PretokenTable.EntryBytes(3) + PretokenTable.EntryBytes(2)); // "the" and "of" fit, no more
        PretokenCountFile.Contents read = PretokenCountFile.Read([a, b], budget);
        Assert.Equal(new Dictionary<string, long> { ["the"] = 5, ["of"] = 3 }, read.Counts);
        Assert.Equal(3, budget.MinCountKept);
        Assert.Equal(2, budget.PretokensLeftOut);
        Assert.Equal(2, budget.OccurrencesLeftOut);
    }
}
