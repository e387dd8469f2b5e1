using Tessera.Internal;

namespace Tessera.Tests.Internal;

/// <summary>Shared chunks hand every item out exactly once, in order within a chunk, whichever threads ask.</summary>
public sealed class SharedChunksTests
{
    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 7)]
    [InlineData(7, 7)]
    [InlineData(100_003, 64)]
    public void EveryItemIsTakenOnceAcrossThreads(int count, int size)
    {
        var chunks = new SharedChunks(count, size);
        var taken = new int[count];
        var sizes = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 4, _ =>
        {
            while (chunks.TryTake(out int from, out int to))
            {
                sizes.Add(to - from);
                for (int i = from; i < to; i++)
                    Interlocked.Increment(ref taken[i]);
            }
        });

        Assert.All(taken, n => Assert.Equal(1, n));
        Assert.Equal((count + size - 1) / size, sizes.Count);
        Assert.All(sizes, n => Assert.InRange(n, 1, size));
        Assert.False(chunks.TryTake(out _, out _));
    }
}
