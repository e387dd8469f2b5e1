namespace Tessera.Training;

/// <summary>
/// The memory pre-token counting may hold, and what it did to stay within it. The counters' tables together stay under
/// <see cref="Bytes"/> (as <see cref="IPretokenCounter.MemoryBytes"/> estimates them): a table that reaches its share
/// is written to a sorted run file in <see cref="SpillDirectory"/> and emptied (<see cref="Spills"/>). If it spilled,
/// the runs are merged and added up exactly, and when the sum still does not fit, the pre-tokens seen fewest times are
/// left out: those seen fewer than <see cref="MinCountKept"/> times (the least count that fits, a function of the exact
/// sums only: the result does not depend on threads, blocks or when the tables spilled).
/// </summary>
public sealed class CountingBudget(long bytes, string? spillDirectory = null)
{
    /// <summary>The bytes the counts may hold.</summary>
    public long Bytes { get; } = bytes > 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "the counting budget must be positive");

    /// <summary>Where run files go (the system's temporary folder by default); they are deleted when counting ends.</summary>
    public string SpillDirectory { get; } = spillDirectory ?? Path.GetTempPath();

    /// <summary>How many times a table was written to a run file.</summary>
    public int Spills { get; internal set; }

    /// <summary>The least count a pre-token kept has (1: none left out).</summary>
    public long MinCountKept { get; internal set; } = 1;

    /// <summary>How many distinct pre-tokens were left out to fit.</summary>
    public long PretokensLeftOut { get; internal set; }

    /// <summary>How many occurrences the pre-tokens left out had in all.</summary>
    public long OccurrencesLeftOut { get; internal set; }

    /// <summary>
    /// One <paramref name="share"/>-th of the memory this process may use (the machine's, or its container's limit): a
    /// quarter by default, less for a trainer that needs much more per pre-token than counting does.
    /// </summary>
    public static CountingBudget Default(string? spillDirectory = null, int share = 4) =>
        new(Math.Max(64L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / Math.Max(1, share)), spillDirectory);
}
