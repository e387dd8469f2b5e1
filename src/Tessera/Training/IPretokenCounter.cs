namespace Tessera.Training;

/// <summary>Counts the pre-tokens of text, a line at a time; the counts of several counters add up.</summary>
public interface IPretokenCounter
{
    /// <summary>Each distinct pre-token (as the model's characters) and how many times it was seen.</summary>
    IReadOnlyDictionary<string, long> Counts { get; }

    /// <summary>How many times each pre-token ended a line, for counters that keep it (SentencePiece words); else null.</summary>
    IReadOnlyDictionary<string, long>? LineEnds => null;

    /// <summary>About the bytes the counts hold (what the counting budget bounds).</summary>
    long MemoryBytes { get; }

    /// <summary>Counts the pre-tokens of one line (with its line ending, as Hugging Face's trainer reads files), valid UTF-8.</summary>
    void Add(ReadOnlySpan<byte> utf8);

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="pretoken"/>, <paramref name="lineEnds"/> of them at a line's end.</summary>
    void Add(string pretoken, long count, long lineEnds);

    /// <summary>Adds another counter's counts (of the same kind) to this one's.</summary>
    void AddCounts(IPretokenCounter other);

    /// <summary>Forgets every count.</summary>
    void Clear();
}
