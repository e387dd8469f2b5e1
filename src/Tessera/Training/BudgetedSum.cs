namespace Tessera.Training;

/// <summary>
/// Keeps as many of a sum of counts as fit a counting budget: all of them if they fit, else those seen at least k
/// times for the least k whose pre-tokens fit (found from the histogram of the counts, on a second reading of the sum).
/// Which pre-tokens are kept depends on the sums alone.
/// </summary>
internal static class BudgetedSum
{
    /// <summary>Passes each pre-token of <paramref name="sum"/> (read once or twice) that fits <paramref name="budget"/> to <paramref name="keep"/>, in order.</summary>
    /// <exception cref="ArgumentException">The budget holds not even the pre-tokens seen most.</exception>
    public static void Keep(Func<IEnumerable<PretokenCount>> sum, CountingBudget? budget, Action<PretokenCount> keep)
    {
        if (budget is null)
        {
            foreach (PretokenCount entry in sum())
                keep(entry);
            return;
        }
        var held = new List<PretokenCount>();
        long heldBytes = 0;
        var bytesByCount = new SortedDictionary<long, (long Bytes, long Pretokens)>();
        foreach (PretokenCount entry in sum())
        {
            long bytes = Bytes(entry);
            (long Bytes, long Pretokens) sameCount = bytesByCount.GetValueOrDefault(entry.Count);
            bytesByCount[entry.Count] = (sameCount.Bytes + bytes, sameCount.Pretokens + 1);
            if (held is null)
                continue;
            heldBytes += bytes;
            if (heldBytes <= budget.Bytes)
                held.Add(entry);
            else
                held = null; // it does not all fit: the histogram decides below
        }
        if (held is not null)
        {
            held.ForEach(keep);
            return;
        }
        long least = LeastCountKept(bytesByCount, budget);
        foreach (PretokenCount entry in sum())
        {
            if (entry.Count >= least)
                keep(entry);
            else
                budget.OccurrencesLeftOut += entry.Count;
        }
    }

    /// <summary>The least count whose pre-tokens, with all seen more often, fit the budget.</summary>
    private static long LeastCountKept(SortedDictionary<long, (long Bytes, long Pretokens)> bytesByCount, CountingBudget budget)
    {
        long total = 0, least = long.MaxValue;
        foreach ((long count, (long bytes, _)) in bytesByCount.Reverse())
        {
            if (total + bytes > budget.Bytes)
                break;
            total += bytes;
            least = count;
        }
        if (least == long.MaxValue)
            throw new ArgumentException($"a counting budget of {budget.Bytes / 1e6:F0} MB holds not even the pre-tokens seen most often; give it more memory", nameof(budget));
        budget.MinCountKept = least;
        budget.PretokensLeftOut = bytesByCount.Where(c => c.Key < least).Sum(c => c.Value.Pretokens);
        return least;
    }

    /// <summary>What an entry takes in a counter's tables: the count, and the line-end count if it has one.</summary>
    private static long Bytes(PretokenCount entry) => PretokenTable.EntryBytes(entry.Pretoken.Length) * (entry.LineEnds > 0 ? 2 : 1);
}
