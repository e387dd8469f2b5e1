namespace Tessera.Cli.Commands;

/// <summary>
/// The ids of a run of lines, end to end, and how many belong to each line: what an encoding thread hands to the
/// writer, which formats them (so formatting overlaps the encoding of the next batch). Reused from batch to batch.
/// </summary>
internal sealed class EncodedLines
{
    private int[] _ids = [];
    private int[] _counts = [];

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
        if (_counts.Length < lines)
            _counts = GC.AllocateUninitializedArray<int>(Math.Max(lines, _counts.Length * 2));
        if (_ids.Length < bytes)
            _ids = GC.AllocateUninitializedArray<int>((int)Math.Min(Math.Max(bytes, _ids.Length * 2L), Array.MaxLength));
    }

    /// <summary>Room for the ids of the next line.</summary>
    public Span<int> Free => _ids.AsSpan(Ids);

    /// <summary>Ends the next line after its first <paramref name="count"/> ids, written into <see cref="Free"/>.</summary>
    public void EndLine(int count)
    {
        _counts[Lines++] = count;
        Ids += count;
    }

    /// <summary>The number of ids of each line.</summary>
    public ReadOnlySpan<int> Counts => _counts.AsSpan(0, Lines);

    /// <summary>All ids, line after line.</summary>
    public ReadOnlySpan<int> All => _ids.AsSpan(0, Ids);
}
