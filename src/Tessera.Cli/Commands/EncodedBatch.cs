using Tessera.Cli.Input;
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

    private readonly int _typicalBytes;

    /// <summary>A batch of at most <paramref name="maxGroups"/> groups; its buffers are made for <paramref name="typicalBytes"/> of lines at once.</summary>
    public EncodedBatch(int maxGroups, int typicalBytes)
    {
        _typicalBytes = typicalBytes;
        _groups = new EncodedLines[maxGroups];
        for (int i = 0; i < maxGroups; i++) _groups[i] = new EncodedLines();
        _bounds = new int[maxGroups + 1];
    }

    /// <summary>How many groups the batch was cut into.</summary>
    public int Groups { get; private set; }

    public EncodedLines this[int group] => _groups[group];

    /// <summary>The first line of <paramref name="group"/> (of <see cref="Groups"/>: the number of lines).</summary>
    public int FirstLine(int group) => _bounds[group];

    /// <summary>
    /// Cuts the lines into groups of about equal bytes and gives each group its stretches; returns how many groups.
    /// Buffers are made for the typical batch at once (the first batches are shorter), unless <paramref name="alone"/>:
    /// the whole input is this batch.
    /// </summary>
    public int Prepare(LineBatch lines, bool alone)
    {
        Groups = Split(lines, _bounds);
        long room = alone ? Math.Max(1, lines.Bytes) : Math.Max(lines.Bytes, _typicalBytes);
        _ids = Ensure(_ids, room);
        _counts = Ensure(_counts, alone ? Math.Max(1, lines.Count) : Math.Max(lines.Count, room / 64));
        int* ids = (int*)_ids.Pointer, counts = (int*)_counts.Pointer;
        for (int g = 0; g < Groups; g++)
        {
            int groupBytes = 0;
            for (int i = _bounds[g]; i < _bounds[g + 1]; i++) groupBytes += lines.LengthOf(i);
            _groups[g].Reset(ids, groupBytes, counts + _bounds[g]);
            ids += groupBytes;
        }
        return Groups;
    }

    /// <summary>Cuts the lines into at most <c>bounds.Length - 1</c> runs of about equal bytes; returns how many.</summary>
    private static int Split(LineBatch lines, int[] bounds)
    {
        long total = lines.Bytes + lines.Count; // line feeds counted
        int groups = Math.Min(bounds.Length - 1, lines.Count);
        long share = Math.Max(1, total / groups), bytes = 0;
        int group = 0;
        bounds[0] = 0;
        for (int i = 0; i < lines.Count && group < groups - 1; i++)
        {
            bytes += lines.LengthOf(i) + 1;
            if (bytes >= share * (group + 1))
                bounds[++group] = i + 1;
        }
        bounds[++group] = lines.Count;
        return group;
    }

    /// <summary>
    /// <paramref name="block"/> if it holds <paramref name="ints"/>, else a new block in whole huge pages (see
    /// <see cref="NativeBlock.Large"/>: batches vary in size by a few bytes, and a block sized exactly had been replaced
    /// by fresh memory at every batch a little longer than the ones before). Written before read, so never cleared.
    /// </summary>
    private static NativeBlock Ensure(NativeBlock? block, long ints)
    {
        nuint bytes = (nuint)ints * sizeof(int);
        if (block is not null && block.Bytes >= bytes)
            return block;
        block?.Dispose();
        return NativeBlock.Large(bytes, zeroed: false);
    }

    public void Dispose()
    {
        _ids?.Dispose();
        _counts?.Dispose();
    }
}
