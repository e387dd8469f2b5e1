using Tessera.Internal;

namespace Tessera.Tests.Internal;

/// <summary>The kept id buffers of large encodes: reused, bounded, and never held by two callers at once.</summary>
public sealed class IdScratchTests
{
    [Fact]
    public void AGivenBackBufferIsReusedWhenLargeEnough()
    {
        var scratch = new IdScratch(slots: 1, keptBytes: 64 << 20);
        NativeBlock first = scratch.Take(1000);
        Assert.True(IdScratch.Ids(first).Length >= 1000);
        scratch.Give(first);
        Assert.Same(first, scratch.Take(500));
        scratch.Give(first);
        NativeBlock larger = scratch.Take(IdScratch.Ids(first).Length + 1);
        Assert.NotSame(first, larger);
        Assert.True(IdScratch.Ids(larger).Length > IdScratch.Ids(first).Length);
    }

    [Fact]
    public void ALargerBufferTakesTheSlotOfASmallerOne()
    {
        var scratch = new IdScratch(slots: 1, keptBytes: 64 << 20);
        NativeBlock small = scratch.Take(1000), large = scratch.Take(4 << 20);
        scratch.Give(small);
        scratch.Give(large);
        Assert.Same(large, scratch.Take(1000));
    }

    [Fact]
    public void ABufferOverTheLimitIsNotKept()
    {
        var scratch = new IdScratch(slots: 1, keptBytes: 4 << 20);
        NativeBlock large = scratch.Take(2 << 20); // 8 MB
        scratch.Give(large);
        Assert.NotSame(large, scratch.Take(1000));
    }

    [Fact]
    public void NoBufferIsHeldByTwoThreadsAtOnce()
    {
        var scratch = new IdScratch(slots: 2, keptBytes: 64 << 20);
        int failures = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            var random = new Random(thread);
            for (int round = 0; round < 300; round++)
            {
                NativeBlock block = scratch.Take(random.Next(1, 1 << 20));
                Span<int> ids = IdScratch.Ids(block)[..4096];
                ids.Fill(thread);
                Thread.SpinWait(random.Next(0, 2000));
                if (ids.ContainsAnyExcept(thread))
                    Interlocked.Increment(ref failures);
                scratch.Give(block);
            }
        });
        Assert.Equal(0, failures);
    }
}
