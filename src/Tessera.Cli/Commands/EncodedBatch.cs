using Tessera.Internal;

namespace Tessera.Cli.Commands;

/// <summary>
/// The ids of a batch of lines, in groups that threads fill independently: group g writes its lines' ids into its
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
    private NativeBlock? _ids, _counts;

    public EncodedBatch(int maxGroups)
    {
        _groups = new EncodedLines[maxGroups];
        for (int i = 0; i < maxGroups; i++) _groups[i] = new EncodedLines();
    }

    public EncodedLines this[int group] => _groups[group];

    /// <summary>Gives each group its stretches: group g holds lines <c>[bounds[g], bounds[g + 1])</c>.</summary>
    public void Prepare(List<ReadOnlyMemory<byte>> lines, int[] bounds, int groups)
    {
        long bytes = 0;
        foreach (ReadOnlyMemory<byte> line in lines) bytes += line.Length;
        _ids = Ensure(_ids, Math.Max(1, bytes));
        _counts = Ensure(_counts, Math.Max(1, lines.Count));
        int* ids = (int*)_ids.Pointer, counts = (int*)_counts.Pointer;
        for (int g = 0; g < groups; g++)
        {
            int groupBytes = 0;
            for (int i = bounds[g]; i < bounds[g + 1]; i++) groupBytes += lines[i].Length;
            _groups[g].Reset(ids, groupBytes, counts + bounds[g]);
            ids += groupBytes;
        }
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
