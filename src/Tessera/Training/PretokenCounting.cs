using System.Collections.Concurrent;

namespace Tessera.Training;

/// <summary>
/// Counts a corpus's byte-level pre-tokens on several threads: the files are read in blocks of whole lines on the
/// calling thread, each block counted by whichever worker takes it into a count of its own, and the counts added up at
/// the end (a sum: the result does not depend on the threads or on which block went where). At most two blocks per
/// worker wait to be counted, so the memory held for text stays bounded whatever the corpus's size.
/// </summary>
public static class PretokenCounting
{
    /// <summary>The pre-tokens of <paramref name="files"/> and their counts, on <paramref name="threads"/> threads.</summary>
    /// <exception cref="InvalidDataException">A line is not valid UTF-8 (the file and byte offset are named).</exception>
    public static IReadOnlyDictionary<string, long> ByteLevel(IReadOnlyList<string> files, int threads, Action<long>? bytesRead = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        threads = Math.Max(1, threads);
        using var stop = new CancellationTokenSource();
        using var queue = new BlockingCollection<(string File, long Offset, byte[] Block, int Length)>(boundedCapacity: 2 * threads);
        var counters = new ByteLevelPretokenCounter[threads];
        Task[] workers = [.. Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            var counter = counters[t] = new ByteLevelPretokenCounter();
            try
            {
                foreach ((string file, long offset, byte[] block, int length) in queue.GetConsumingEnumerable(stop.Token))
                    TrainingCorpus.ForEachLineOf(block.AsSpan(0, length), file, offset, counter.Add);
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
            TrainingCorpus.ForEachBlock(files, (file, offset, block, length) => queue.Add((file, offset, block, length), stop.Token), bytesRead: bytesRead);
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
        return Sum(counters);
    }

    private static Dictionary<string, long> Sum(ByteLevelPretokenCounter[] counters)
    {
        var total = new Dictionary<string, long>(counters.Max(c => c.Counts.Count), StringComparer.Ordinal);
        foreach (ByteLevelPretokenCounter counter in counters)
        {
            foreach ((string word, long count) in counter.Counts)
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(total, word, out _) += count;
        }
        return total;
    }
}
