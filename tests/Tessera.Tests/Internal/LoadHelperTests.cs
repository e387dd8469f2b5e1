using Tessera.Internal;

namespace Tessera.Tests.Internal;

/// <summary>The load helper runs the work handed over in order on its own thread, survives work that fails, and ends once completed.</summary>
public sealed class LoadHelperTests
{
    [Fact]
    public async Task WorkRunsInOrderOnAnotherThread()
    {
        var helper = LoadHelper.Start();
        var order = new List<int>();
        int thread = -1;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // else the await resumes on the helper thread
        for (int i = 0; i < 100; i++)
        {
            int n = i;
            helper.Post(() =>
            {
                order.Add(n);
                thread = Environment.CurrentManagedThreadId;
            });
        }
        helper.Post(done.SetResult);
        helper.Complete();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 100), order);
        Assert.NotEqual(Environment.CurrentManagedThreadId, thread);
    }

    [Fact]
    public async Task WorkThatFailsLeavesTheRestToRun()
    {
        var helper = LoadHelper.Start();
        var failing = new Lazy<int>(() => throw new InvalidOperationException("broken table"));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // else the await resumes on the helper thread
        helper.Post(() => _ = failing.Value);
        helper.Post(done.SetResult);
        helper.Complete();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("broken table", Assert.Throws<InvalidOperationException>(() => failing.Value).Message);
    }

    [Fact]
    public async Task WorkHandedOverAfterCompletionStillRuns()
    {
        var helper = LoadHelper.Start();
        helper.Complete();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // else the await resumes on the helper thread
        helper.Post(done.SetResult);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WithoutAHelperWorkRunsOnThePool()
    {
        var done = new TaskCompletionSource<bool>();
        LoadHelper.Run(null, () => done.SetResult(Thread.CurrentThread.IsThreadPoolThread));
        Assert.True(await done.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
