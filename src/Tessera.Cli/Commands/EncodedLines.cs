using System.Runtime.InteropServices;

namespace Tessera.Cli.Commands;

/// <summary>
/// The ids of a run of lines, end to end, and how many belong to each line: what an encoding thread hands to the
/// writer, which formats them (so formatting overlaps the encoding of the next batch). Reused from batch to batch.
/// </summary>
/// <remarks>
/// In native memory: megabyte arrays on the managed heap each set off a full collection on this path (measured: two
/// per run, which stopped every thread), and these buffers live exactly as long as the pipeline.
/// </remarks>
internal sealed unsafe class EncodedLines : IDisposable
{
    private int* _ids;
    private int _idCapacity;
    private int* _counts;
    private int _countCapacity;

    /// <summary>The number of lines.</summary>
    public int Lines { get; private set; }

    /// <summary>The number of ids.</summary>
    public int Ids { get; private set; }

    /// <summary>Forgets the lines and makes room for <paramref name="lines"/> lines of <paramref name="bytes"/> bytes in all.</summary>
    /// <remarks>A line of n bytes has at most n tokens, so <paramref name="bytes"/> ids always suffice.</remarks>
    public void Reset(int lines, long bytes)
    {
        Lines = 0;
        Ids = 0;
        if (_countCapacity < lines)
            _counts = Grow(_counts, ref _countCapacity, lines);
        if (_idCapacity < bytes)
            _ids = Grow(_ids, ref _idCapacity, (int)Math.Min(bytes, Array.MaxLength));
    }

    private static int* Grow(int* buffer, ref int capacity, int needed)
    {
        capacity = Math.Max(needed, capacity * 2);
        return (int*)NativeMemory.Realloc(buffer, (nuint)capacity * sizeof(int));
    }

    /// <summary>Room for the ids of the next line.</summary>
    public Span<int> Free => new(_ids + Ids, _idCapacity - Ids);

    /// <summary>Ends the next line after its first <paramref name="count"/> ids, written into <see cref="Free"/>.</summary>
    public void EndLine(int count)
    {
        _counts[Lines++] = count;
        Ids += count;
    }

    /// <summary>The number of ids of each line.</summary>
    public ReadOnlySpan<int> Counts => new(_counts, Lines);

    /// <summary>All ids, line after line.</summary>
    public ReadOnlySpan<int> All => new(_ids, Ids);

    public void Dispose()
    {
        NativeMemory.Free(_ids);
        NativeMemory.Free(_counts);
        _ids = null;
        _counts = null;
        _idCapacity = _countCapacity = 0;
    }
}
