namespace Tessera.Training;

/// <summary>Counts the pre-tokens of text, a line at a time; the counts of several counters add up.</summary>
public interface IPretokenCounter
{
    /// <summary>Each distinct pre-token (as the model's characters) and how many times it was seen.</summary>
    IReadOnlyDictionary<string, long> Counts { get; }

    /// <summary>Counts the pre-tokens of one line (with its line ending, as Hugging Face's trainer reads files), valid UTF-8.</summary>
    void Add(ReadOnlySpan<byte> utf8);

    /// <summary>Adds another counter's counts (of the same kind) to this one's.</summary>
    void AddCounts(IPretokenCounter other);
}
