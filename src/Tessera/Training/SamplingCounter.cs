namespace Tessera.Training;

/// <summary>A pre-token counter that shows each line to a <see cref="LineSample"/> first, and counts it unless the sample holds it out.</summary>
public sealed class SamplingCounter(IPretokenCounter inner, LineSample sample) : IPretokenCounter
{
    /// <summary>The counter the lines trained on go to.</summary>
    public IPretokenCounter Inner => inner;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Counts => inner.Counts;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long>? LineEnds => inner.LineEnds;

    /// <inheritdoc/>
    public long MemoryBytes => inner.MemoryBytes;

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<byte> utf8)
    {
        if (!sample.Take(utf8))
            inner.Add(utf8);
    }

    /// <inheritdoc/>
    public void Add(string pretoken, long count, long lineEnds) => inner.Add(pretoken, count, lineEnds);

    /// <inheritdoc/>
    public void AddCounts(IPretokenCounter other) => inner.AddCounts(other is SamplingCounter sampling ? sampling.Inner : other);

    /// <inheritdoc/>
    public void Clear() => inner.Clear();
}
