using Tessera.Lowering;

namespace Tessera.Tests.Lowering;

/// <summary>The cache of merged runs gives back what was added for the same run, or nothing; never another run's ids.</summary>
public sealed class SymbolRunCacheTests
{
    [Fact]
    public void ARunGivesBackItsOwnIdsOrNothing()
    {
        var cache = new SymbolRunCache();
        var random = new Random(11);
        var runs = new List<int[]>();
        for (int i = 0; i < 600_000; i++) // more runs than slots: many collide and are evicted
        {
            int[] run = [.. Enumerable.Range(0, random.Next(2, 6)).Select(_ => random.Next(1000))];
            runs.Add(run);
            cache.Add(run, IdsOf(run));
        }
        int found = 0;
        foreach (int[] run in runs)
        {
            if (!cache.TryGet(run, out ReadOnlySpan<int> ids))
                continue;
            found++;
            Assert.Equal(IdsOf(run), ids.ToArray());
        }
        Assert.InRange(found, 100_000, runs.Count);
    }

    /// <summary>Two runs with the same slot both stay: the one added last, and the one it moved to the other slot of the pair.</summary>
    [Fact]
    public void TwoRunsWithTheSameSlotBothStay()
    {
        int[] first = [1, 2];
        int[] second = Enumerable.Range(3, 1 << 22).Select(b => new[] { b, b + 1 })
            .First(run => SymbolRunCache.SlotOf(run) == SymbolRunCache.SlotOf(first));
        var cache = new SymbolRunCache();
        cache.Add(first, [12]);
        cache.Add(second, [34]);
        Assert.True(cache.TryGet(first, out ReadOnlySpan<int> ids));
        Assert.Equal([12], ids.ToArray());
        Assert.True(cache.TryGet(second, out ids));
        Assert.Equal([34], ids.ToArray());
    }

    private static int[] IdsOf(int[] run) => [run.Sum(), run.Length];
}
