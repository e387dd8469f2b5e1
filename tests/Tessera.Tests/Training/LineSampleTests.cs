using System.Text;
using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>
/// The held-out sample of training lines: chosen by each line's content (the same lines whatever the threads), blank
/// lines never, about one in N; what is held out is exactly what is not counted.
/// </summary>
public sealed class LineSampleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void HeldOutLinesAreExactlyTheLinesNotCounted(int threads)
    {
        GoldenTrainingSplit.WithTrainingFile(file =>
        {
            var sample = new LineSample(10, heldOut: true);
            IPretokenCounter counted = PretokenCounting.CountWith([file], threads, () => new SamplingCounter(new ByteLevelPretokenCounter(), sample));
            string[] lines = File.ReadAllText(file).Split('\n')[..^1];
            string[] heldOut = [.. lines.Where(l => l.Trim(' ', '\t').Length > 0 && LineSample.Hash(Encoding.UTF8.GetBytes(l)) % 10 == 0)];
            Assert.Equal(heldOut.Order(StringComparer.Ordinal), sample.Kept);
            Assert.Equal(heldOut.Length, sample.Lines);
            Assert.InRange(heldOut.Length, lines.Length / 20, lines.Length / 5); // about one in ten

            var held = heldOut.ToHashSet(StringComparer.Ordinal);
            Assert.Equal(Counts(lines.Where(l => !held.Contains(l))), counted.Counts.OrderBy(c => c.Key, StringComparer.Ordinal));
            return 0;
        });
    }

    private static IEnumerable<KeyValuePair<string, long>> Counts(IEnumerable<string> lines)
    {
        var counter = new ByteLevelPretokenCounter();
        foreach (string line in lines)
            counter.Add(Encoding.UTF8.GetBytes(line + "\n"));
        return counter.Counts.OrderBy(c => c.Key, StringComparer.Ordinal);
    }

    [Fact]
    public void BlankLinesAreNeverSampled()
    {
        var sample = new LineSample(2, heldOut: true);
        foreach (string blank in new[] { "", "\n", "  \t\r\n", " " })
            Assert.False(sample.Take(Encoding.UTF8.GetBytes(blank)));
        Assert.Equal(0, sample.Lines);
    }

    [Fact]
    public void ASampleTrainedOnIsStillCounted()
    {
        var sample = new LineSample(2, heldOut: false);
        var counter = new SamplingCounter(new ByteLevelPretokenCounter(), sample);
        string[] lines = [.. Enumerable.Range(0, 100).Select(i => $"line {i}")];
        foreach (string line in lines)
            counter.Add(Encoding.UTF8.GetBytes(line + "\n"));
        Assert.InRange(sample.Lines, 25, 75);
        Assert.Equal(Counts(lines), counter.Counts.OrderBy(c => c.Key, StringComparer.Ordinal));
    }
}
