namespace Tessera.Cli.Commands;

/// <summary>
/// The pre-token counts gathered for training (and their line-end counts for SentencePiece words), handed to the
/// trainer once. Taking them drops this reference: a local of the command would keep the counts (18 MB for 100 MB of
/// prose) alive through merging and writing, when the trainer has long turned them into its own words.
/// </summary>
internal sealed class GatheredCounts(IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? lineEnds, long bytes)
{
    private IReadOnlyDictionary<string, long>? _counts = counts;
    private IReadOnlyDictionary<string, long>? _lineEnds = lineEnds;

    /// <summary>How many distinct pre-tokens were counted.</summary>
    public int Distinct { get; } = counts.Count;

    /// <summary>The bytes read (or the size of the count files).</summary>
    public long Bytes { get; } = bytes;

    /// <summary>The counts and line-end counts; only once.</summary>
    public (IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, long>? LineEnds) Take()
    {
        IReadOnlyDictionary<string, long> counts = _counts ?? throw new InvalidOperationException("the counts were taken already");
        IReadOnlyDictionary<string, long>? lineEnds = _lineEnds;
        (_counts, _lineEnds) = (null, null);
        return (counts, lineEnds);
    }
}
