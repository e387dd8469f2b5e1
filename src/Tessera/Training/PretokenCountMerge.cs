namespace Tessera.Training;

/// <summary>
/// Merges count files as they are read: each file is in code point order, so the least pre-token at the head of any
/// file is the next of the sum, its counts added over the files that hold it. Memory: one line per file.
/// </summary>
internal static class PretokenCountMerge
{
    /// <summary>The summed counts of <paramref name="paths"/> in code point order; their kinds must agree.</summary>
    /// <exception cref="TokenizerFormatException">A file is not a count file, a line is malformed or out of order, or the kinds differ (the file and line are named).</exception>
    public static IEnumerable<PretokenCount> Merge(IReadOnlyList<string> paths, Action<string>? kind = null)
    {
        var readers = new List<PretokenCountReader>(paths.Count);
        try
        {
            foreach (string path in paths)
            {
                var reader = new PretokenCountReader(path);
                readers.Add(reader);
                if (reader.Kind != readers[0].Kind)
                    throw new TokenizerFormatException(path, 1, reader.Kind, $"expected counts of the same kind as the files before ({readers[0].Kind})");
            }
            if (readers.Count > 0)
                kind?.Invoke(readers[0].Kind);
            var heads = new PriorityQueue<PretokenCountReader, string>(CodePointOrder.Comparer);
            foreach (PretokenCountReader reader in readers)
            {
                if (reader.MoveNext())
                    heads.Enqueue(reader, reader.Current.Pretoken);
            }
            while (heads.TryDequeue(out PretokenCountReader? reader, out string? pretoken))
            {
                long count = 0, lineEnds = 0;
                while (true)
                {
                    count = checked(count + reader.Current.Count);
                    lineEnds = checked(lineEnds + reader.Current.LineEnds);
                    if (reader.MoveNext())
                        heads.Enqueue(reader, reader.Current.Pretoken);
                    if (!heads.TryPeek(out reader, out string? next) || next != pretoken)
                        break;
                    heads.Dequeue();
                }
                yield return new PretokenCount(pretoken, count, lineEnds);
            }
        }
        finally
        {
            foreach (PretokenCountReader reader in readers)
                reader.Dispose();
        }
    }
}
