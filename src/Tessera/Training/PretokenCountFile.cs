using System.Globalization;
using System.Text;
using Tessera.Internal;

namespace Tessera.Training;

/// <summary>
/// A file of pre-token counts, for counting a corpus in shards (a map step anywhere) and training from their sum on one
/// machine: a header line <c>#tessera-pretoken-counts 1 KIND</c> (which pre-tokenization made them), then one pre-token a
/// line, sorted by code point: the pre-token (tab, line feed, carriage return and backslash written <c>\t \n \r \\</c>),
/// a tab, its count, and for SentencePiece words a tab and how many times it ended a line. Reading several files adds
/// their counts (64-bit); their kinds must agree.
/// </summary>
public static class PretokenCountFile
{
    private const string Magic = "#tessera-pretoken-counts 1 ";

    /// <summary>Counts read back: their kind, the counts, and the line-end counts (empty for kinds without them).</summary>
    public sealed record Contents(string Kind, Dictionary<string, long> Counts, Dictionary<string, long> LineEnds);

    /// <summary>Writes <paramref name="counts"/> (of pre-tokenization <paramref name="kind"/>) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, string kind, IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? lineEnds = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Magic + kind);
        var line = new StringBuilder();
        foreach (string pretoken in counts.Keys.Order(Comparer<string>.Create(CodePointOrder.Compare)))
        {
            line.Clear();
            Escape(pretoken, line);
            line.Append('\t').Append(counts[pretoken].ToString(CultureInfo.InvariantCulture));
            if (lineEnds is not null)
                line.Append('\t').Append(lineEnds.GetValueOrDefault(pretoken).ToString(CultureInfo.InvariantCulture));
            writer.WriteLine(line);
        }
    }

    /// <summary>Writes the counts to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, string kind, IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? lineEnds = null) =>
        AtomicFile.Write(path, stream => Write(stream, kind, counts, lineEnds));

    /// <summary>Reads and adds up count files.</summary>
    /// <exception cref="TokenizerFormatException">A file is not a count file, a line is malformed, or the kinds differ (the file and line are named).</exception>
    public static Contents Read(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string? kind = null;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lineEnds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            string? header = reader.ReadLine();
            if (header is null || !header.StartsWith(Magic, StringComparison.Ordinal))
                throw new TokenizerFormatException(path, 1, Snippet(header ?? ""), $"expected a pre-token count file (a first line '{Magic}KIND', as `tessera count --pretokens` writes)");
            string fileKind = header[Magic.Length..];
            if (kind is not null && fileKind != kind)
                throw new TokenizerFormatException(path, 1, fileKind, $"expected counts of the same kind as the files before ({kind})");
            kind = fileKind;
            int number = 1;
            for (string? line; (line = reader.ReadLine()) is not null;)
            {
                number++;
                string[] fields = line.Split('\t');
                if (fields.Length is < 2 or > 3 || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count)
                    || (fields.Length == 3 && !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    throw new TokenizerFormatException(path, number, Snippet(line), "expected a pre-token, a tab and its count (and a tab and its line-end count)");
                string pretoken = Unescape(fields[0], path, number);
                counts[pretoken] = checked(counts.GetValueOrDefault(pretoken) + count);
                if (fields.Length == 3)
                    lineEnds[pretoken] = checked(lineEnds.GetValueOrDefault(pretoken) + long.Parse(fields[2], CultureInfo.InvariantCulture));
            }
        }
        return new Contents(kind ?? throw new ArgumentException("no count files given", nameof(paths)), counts, lineEnds);
    }

    private static void Escape(string pretoken, StringBuilder line)
    {
        foreach (char c in pretoken)
        {
            _ = c switch
            {
                '\t' => line.Append("\\t"),
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                '\\' => line.Append("\\\\"),
                _ => line.Append(c),
            };
        }
    }

    private static string Unescape(string field, string path, int number)
    {
        if (!field.Contains('\\'))
            return field;
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\')
            {
                text.Append(field[i]);
                continue;
            }
            text.Append(++i < field.Length ? field[i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                '\\' => '\\',
                _ => throw new TokenizerFormatException(path, number, Snippet(field), "expected \\t, \\n, \\r or \\\\ after a backslash"),
            } : throw new TokenizerFormatException(path, number, Snippet(field), "expected \\t, \\n, \\r or \\\\ after a backslash"));
        }
        return text.ToString();
    }

    private static string Snippet(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
