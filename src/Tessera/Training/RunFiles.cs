namespace Tessera.Training;

/// <summary>
/// The run files of one counting: each a counter's table written in code point order (a count file of kind
/// <c>run</c>) when it reached its share of the budget, merged at the end; deleted when the counting ends.
/// </summary>
internal sealed class RunFiles(CountingBudget? budget) : IDisposable
{
    private readonly List<string> _paths = [];

    public CountingBudget? Budget => budget;

    public int Count
    {
        get
        {
            lock (_paths)
                return _paths.Count;
        }
    }

    /// <summary>Writes the counter's table to a new run file and empties it.</summary>
    public void Spill(IPretokenCounter counter)
    {
        string path = NewPath();
        lock (_paths)
        {
            _paths.Add(path); // deleted at the end even if writing it fails
            budget!.Spills++;
        }
        using (FileStream file = Create(path))
            PretokenCountFile.Write(file, "run", counter.Counts, counter.LineEnds);
        counter.Clear();
    }

    /// <summary>Spills every counter that holds counts, and gives the first, emptied, to take the merged sum.</summary>
    public TCounter SpillAll<TCounter>(TCounter[] counters)
        where TCounter : IPretokenCounter
    {
        foreach (TCounter counter in counters)
        {
            if (counter.Counts.Count > 0)
                Spill(counter);
        }
        return counters[0];
    }

    /// <summary>The most runs merged at once (each holds a file open); more are first merged in groups into runs of their sums.</summary>
    public const int MaxFanIn = 64;

    /// <summary>The runs' summed counts in code point order.</summary>
    public IEnumerable<PretokenCount> Merge()
    {
        List<string> paths;
        lock (_paths)
            paths = [.. _paths];
        while (paths.Count > MaxFanIn)
        {
            string merged = NewPath();
            lock (_paths)
                _paths.Add(merged);
            using (FileStream file = Create(merged))
                PretokenCountFile.Write(file, "run", PretokenCountMerge.Merge(paths[..MaxFanIn]), withLineEnds: true); // zeros where the kind has none
            foreach (string done in paths[..MaxFanIn])
                File.Delete(done);
            paths = [.. paths[MaxFanIn..], merged];
        }
        return PretokenCountMerge.Merge(paths);
    }

    private static FileStream Create(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    private string NewPath() => Path.Combine(budget!.SpillDirectory, $"tessera-counts-{Environment.ProcessId}-{Guid.NewGuid():N}.run");

    public void Dispose()
    {
        foreach (string path in _paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // a run left behind in the temporary folder is not worth failing the counting for
            }
        }
    }
}
