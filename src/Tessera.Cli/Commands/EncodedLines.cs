namespace Tessera.Cli.Commands;

/// <summary>
/// The ids of a run of lines, end to end, and how many belong to each line: what an encoding thread hands to the
/// writer, which formats them (so formatting overlaps the encoding of the next batch). Its memory is a stretch of
/// its batch's buffers (see <see cref="EncodedBatch"/>).
/// </summary>
internal sealed unsafe class EncodedLines
{
    private int* _ids;
    private int _idCapacity;
    private int* _counts;

    /// <summary>The number of lines.</summary>
    public int Lines { get; private set; }

    /// <summary>The number of ids.</summary>
    public int Ids { get; private set; }

    /// <summary>Forgets the lines; the next ones go to <paramref name="ids"/> (room for <paramref name="idCapacity"/>) and <paramref name="counts"/>.</summary>
    public void Reset(int* ids, int idCapacity, int* counts)
    {
        _ids = ids;
        _idCapacity = idCapacity;
        _counts = counts;
        Lines = 0;
        Ids = 0;
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
}
