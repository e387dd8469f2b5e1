using Tessera.Internal;

namespace Tessera.Cli.Commands;

/// <summary>
/// The ids of a batch of lines, cut into groups of about equal bytes that threads fill independently: group g writes its lines' ids into its
/// own stretch of one buffer (a line of n bytes has at most n tokens, so a group of b bytes gets room for b ids) and
/// their counts into its own stretch of another. Reused from batch to batch.
/// </summary>
/// <remarks>
/// Native memory: megabyte arrays on the managed heap each set off a full collection on this path (measured: two per
/// run, which stopped every thread); one buffer per batch rather than per group, in huge pages, faults in a few
/// times instead of once per 4 KB (per group, 750 faults per run, about 12 ms here).
/// </remarks>
internal sealed unsafe class EncodedBatch : IDisposable
{
    private readonly EncodedLines[] _groups;
    private readonly int[] _bounds; // group g holds lines [_bounds[g], _bounds[g + 1])
    private NativeBlock? _ids, _counts;

    public EncodedBatch(int maxGroups)
    {
        _groups = new EncodedLines[maxGroups];
        for (int i = 0; i < maxGroups; i++) _groups[i] = new EncodedLines();
        _bounds = new int[maxGroups + 1];
    }

    /// <summary>How many groups the batch was cut into.</summary>
    public int Groups { get; private set; }

    public EncodedLines this[int group] => _groups[group];

    /// <summary>The first line of <paramref name="group"/> (of <see cref="Groups"/>: the number of lines).</summary>
    public int FirstLine(int group) => _bounds[group];

    /// <summary>Cuts the lines into groups of about equal bytes and gives each group its stretches; returns how many groups.</summary>
    public int Prepare(List<ReadOnlyMemory<byte>> lines)
    {
        Groups = Split(lines, _bounds);
        long bytes = 0;
        foreach (ReadOnlyMemory<byte> line in lines) bytes += line.Length;
        _ids = Ensure(_ids, Math.Max(1, bytes));
        _counts = Ensure(_counts, Math.Max(1, lines.Count));
        int* ids = (int*)_ids.Pointer, counts = (int*)_counts.Pointer;
        for (int g = 0; g < Groups; g++)
        {
            int groupBytes = 0;
            for (int i = _bounds[g]; i < _bounds[g + 1]; i++) groupBytes += lines[i].Length;
            _groups[g].Reset(ids, groupBytes, counts + _bounds[g]);
            ids += groupBytes;
        }
        return Groups;
    }

    /// <summary>Cuts the lines into at most <c>bounds.Length - 1</c> runs of about equal bytes; returns how many.</summary>
    private static int Split(List<ReadOnlyMemory<byte>> lines, int[] bounds)
    {
        long total = 0;
        foreach (ReadOnlyMemory<byte> line in lines) total += line.Length + 1;
        int groups = Math.Min(bounds.Length - 1, lines.Count);
        long share = Math.Max(1, total / groups), bytes = 0;
        int group = 0;
        bounds[0] = 0;
        for (int i = 0; i < lines.Count && group < groups - 1; i++)
        {
            bytes += lines[i].Length + 1;
            if (bytes >= share * (group + 1))
                bounds[++group] = i + 1;
        }
        bounds[++group] = lines.Count;
        return group;
    }

    private static NativeBlock Ensure(NativeBlock? block, long ints)
    {
        if (block is not null && (long)block.Bytes >= ints * sizeof(int))
            return block;
        block?.Dispose();
        return NativeBlock.Large((nuint)ints * sizeof(int));
    }

    public void Dispose()
    {
        _ids?.Dispose();
        _counts?.Dispose();
    }
}
