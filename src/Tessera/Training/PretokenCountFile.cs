using System.Globalization;
using System.Text;
using Tessera.Internal;

namespace Tessera.Training;

/// <summary>
/// A file of pre-token counts, for counting a corpus in shards (a map step anywhere) and training from their sum on one
/// machine: a header line <c>#tessera-pretoken-counts 1 KIND</c> (which pre-tokenization made them), then one pre-token a
/// line, each once, sorted by code point: the pre-token (tab, line feed, carriage return and backslash written
/// <c>\t \n \r \\</c>), a tab, its count, and for SentencePiece words a tab and how many times it ended a line. Reading
/// several files merges them as they are read and adds their counts (64-bit); their kinds must agree.
/// </summary>
public static class PretokenCountFile
{
    internal const string Magic = "#tessera-pretoken-counts 1 ";

    /// <summary>Counts read back: their kind, the counts, and the line-end counts (empty for kinds without them).</summary>
    public sealed record Contents(string Kind, Dictionary<string, long> Counts, Dictionary<string, long> LineEnds);

    /// <summary>Writes <paramref name="counts"/> (of pre-tokenization <paramref name="kind"/>) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, string kind, IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? lineEnds = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Write(output, kind, Sorted(counts, lineEnds), withLineEnds: lineEnds is not null);
    }

    /// <summary>Writes counts already in code point order (each pre-token once) to <paramref name="output"/>, with their line-end counts if <paramref name="withLineEnds"/>; returns how many pre-tokens it wrote.</summary>
    public static long Write(Stream output, string kind, IEnumerable<PretokenCount> sorted, bool withLineEnds)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Magic + kind);
        var escaped = new StringBuilder();
        long written = 0;
        foreach (PretokenCount entry in sorted)
        {
            written++;
            if (entry.Pretoken.AsSpan().IndexOfAny(PretokenCountReader.Escaped) < 0)
            {
                writer.Write(entry.Pretoken);
            }
            else
            {
                escaped.Clear();
                PretokenCountReader.Escape(entry.Pretoken, escaped);
                writer.Write(escaped);
            }
            WriteNumber(writer, entry.Count);
            if (withLineEnds)
                WriteNumber(writer, entry.LineEnds);
            writer.Write('\n');
        }
        return written;
    }

    /// <summary>A tab and <paramref name="number"/> in invariant digits.</summary>
    private static void WriteNumber(StreamWriter writer, long number)
    {
        Span<char> digits = stackalloc char[21];
        digits[0] = '\t';
        number.TryFormat(digits[1..], out int length, default, CultureInfo.InvariantCulture);
        writer.Write(digits[..(length + 1)]);
    }

    /// <summary>Writes the counts to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, string kind, IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? lineEnds = null) =>
        AtomicFile.Write(path, stream => Write(stream, kind, counts, lineEnds));

    /// <summary>Writes counts in code point order to <paramref name="path"/> atomically; returns how many pre-tokens it wrote.</summary>
    public static long Save(string path, string kind, IEnumerable<PretokenCount> sorted, bool withLineEnds)
    {
        long written = 0;
        AtomicFile.Write(path, stream => written = Write(stream, kind, sorted, withLineEnds));
        return written;
    }

    /// <summary>
    /// Reads and adds up count files; with <paramref name="budget"/>, keeps only as many pre-tokens as it holds (those
    /// seen least left out, as <see cref="CountingBudget"/> says).
    /// </summary>
    /// <exception cref="TokenizerFormatException">A file is not a count file, a line is malformed or out of order, or the kinds differ (the file and line are named).</exception>
    public static Contents Read(IReadOnlyList<string> paths, CountingBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
            throw new ArgumentException("no count files given", nameof(paths));
        string kind = "";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lineEnds = new Dictionary<string, long>(StringComparer.Ordinal);
        BudgetedSum.Keep(() => PretokenCountMerge.Merge(paths, k => kind = k), budget, entry =>
        {
            counts.Add(entry.Pretoken, entry.Count);
            if (entry.LineEnds > 0)
                lineEnds.Add(entry.Pretoken, entry.LineEnds);
        });
        return new Contents(kind, counts, lineEnds);
    }

    /// <summary>The counts in code point order.</summary>
    internal static IEnumerable<PretokenCount> Sorted(IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? lineEnds)
    {
        KeyValuePair<string, long>[] entries = [.. counts];
        Array.Sort(entries, (x, y) => CodePointOrder.Compare(x.Key, y.Key)); // keys are distinct: an unstable sort gives the one order
        return entries.Select(e => new PretokenCount(e.Key, e.Value, lineEnds?.GetValueOrDefault(e.Key) ?? 0));
    }
}
