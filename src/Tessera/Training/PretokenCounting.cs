using System.Collections.Concurrent;

namespace Tessera.Training;

/// <summary>
/// Counts a corpus's pre-tokens on several threads: the files are read in blocks of whole lines on the
/// calling thread, each block counted by whichever worker takes it into a count of its own, and the counts added up at
/// the end (a sum: the result does not depend on the threads or on which block went where). At most two blocks per
/// worker wait to be counted, and a block counted is reused for reading, so the memory held for text stays a few
/// megabytes whatever the corpus's size.
/// </summary>
public static class PretokenCounting
{
    /// <summary>The byte-level pre-tokens of <paramref name="files"/> and their counts, on <paramref name="threads"/> threads.</summary>
    /// <exception cref="InvalidDataException">A line is not valid UTF-8 (the file and byte offset are named).</exception>
    public static IReadOnlyDictionary<string, long> ByteLevel(IReadOnlyList<string> files, int threads, Action<long>? bytesRead = null) =>
        Count(files, threads, () => new ByteLevelPretokenCounter(), bytesRead);

    /// <summary>The pre-tokens of <paramref name="files"/> as counters made by <paramref name="counter"/> count them, on <paramref name="threads"/> threads.</summary>
    /// <exception cref="InvalidDataException">A line is not valid UTF-8 (the file and byte offset are named).</exception>
    public static IReadOnlyDictionary<string, long> Count(IReadOnlyList<string> files, int threads, Func<IPretokenCounter> counter, Action<long>? bytesRead = null) =>
        CountWith(files, threads, counter, bytesRead).Counts;

    /// <summary>
    /// As <see cref="Count"/>, giving the counter all counts were added into (for what else it keeps); with
    /// <paramref name="invalidLines"/>, lines of invalid UTF-8 are left out and counted there instead of failing; with
    /// <paramref name="jsonlField"/>, the files are JSON Lines and the text is that string field of each object; with
    /// <paramref name="budget"/>, the counts stay within its memory (spilling to run files, then leaving out the
    /// pre-tokens seen least if their sum does not fit: <see cref="CountingBudget"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not valid UTF-8 (the file and byte offset are named).</exception>
    public static TCounter CountWith<TCounter>(IReadOnlyList<string> files, int threads, Func<TCounter> counter, Action<long>? bytesRead = null,
        SkippedLines? invalidLines = null, string? jsonlField = null, CountingBudget? budget = null)
        where TCounter : IPretokenCounter
    {
        var runs = new RunFiles(budget);
        try
        {
            TCounter[] counters = CountBlocks(files, threads, counter, bytesRead, invalidLines, jsonlField, runs);
            if (runs.Count == 0)
                return Sum(counters);
            TCounter result = runs.SpillAll(counters);
            BudgetedSum.Keep(runs.Merge, budget, entry => result.Add(entry.Pretoken, entry.Count, entry.LineEnds));
            return result;
        }
        finally
        {
            runs.Dispose();
        }
    }

    /// <summary>
    /// Counts as <see cref="CountWith"/> and passes the exact sum, in code point order, to <paramref name="write"/> (with
    /// whether it has line-end counts): streamed from the run files if the counts spilled, so nothing is left out
    /// whatever the budget (as a shard's count file must be).
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not valid UTF-8 (the file and byte offset are named).</exception>
    public static void CountSorted<TCounter>(IReadOnlyList<string> files, int threads, Func<TCounter> counter, CountingBudget? budget,
        Action<IEnumerable<PretokenCount>, bool> write, Action<long>? bytesRead = null, SkippedLines? invalidLines = null, string? jsonlField = null)
        where TCounter : IPretokenCounter
    {
        ArgumentNullException.ThrowIfNull(write);
        var runs = new RunFiles(budget);
        try
        {
            TCounter[] counters = CountBlocks(files, threads, counter, bytesRead, invalidLines, jsonlField, runs);
            bool withLineEnds = counters[0].LineEnds is not null;
            if (runs.Count == 0)
            {
                TCounter sum = Sum(counters);
                write(PretokenCountFile.Sorted(sum.Counts, sum.LineEnds), withLineEnds);
                return;
            }
            runs.SpillAll(counters);
            write(runs.Merge(), withLineEnds);
        }
        finally
        {
            runs.Dispose();
        }
    }

    /// <summary>The counters' tables after counting every block (those that reached their share of the budget spilled to <paramref name="runs"/> on the way).</summary>
    private static TCounter[] CountBlocks<TCounter>(IReadOnlyList<string> files, int threads, Func<TCounter> counter, Action<long>? bytesRead,
        SkippedLines? invalidLines, string? jsonlField, RunFiles runs)
        where TCounter : IPretokenCounter
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(files);
        threads = Math.Max(1, threads);
        long share = runs.Budget is { } budget ? Math.Max(1, budget.Bytes / threads) : long.MaxValue;
        using var stop = new CancellationTokenSource();
        using var queue = new BlockingCollection<(string File, long Offset, byte[] Block, int Length)>(boundedCapacity: 2 * threads);
        var counters = new TCounter[threads];
        var free = new ConcurrentBag<byte[]>();
        Task[] workers = [.. Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            TCounter mine = counters[t] = counter();
            TrainingCorpus.LineAction add = share == long.MaxValue ? mine.Add : line =>
            {
                mine.Add(line);
                if (mine.MemoryBytes > share)
                    runs.Spill(mine);
            };
            try
            {
                foreach ((string file, long offset, byte[] block, int length) in queue.GetConsumingEnumerable(stop.Token))
                {
                    TrainingCorpus.ForEachLineOf(block.AsSpan(0, length), file, offset, add, invalidLines, jsonlField);
                    free.Add(block);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch
            {
                stop.Cancel(); // the reader and the other workers stop; this error is the one reported
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
        try
        {
            TrainingCorpus.ForEachBlock(files, (file, offset, block, length) => queue.Add((file, offset, block, length), stop.Token), bytesRead: bytesRead,
                rent: length => free.TryTake(out byte[]? block) && block.Length >= length ? block : new byte[length]);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // a worker failed: its error is thrown below
        }
        finally
        {
            queue.CompleteAdding();
        }
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException failed) when (failed.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        return counters;
    }

    /// <summary>The counts added into the first counter's table (a third table would hold every pre-token once more).</summary>
    private static TCounter Sum<TCounter>(TCounter[] counters)
        where TCounter : IPretokenCounter
    {
        for (int t = 1; t < counters.Length; t++)
        {
            counters[0].AddCounts(counters[t]);
            counters[t] = default!; // its strings can go before the next is added
        }
        return counters[0];
    }
}
