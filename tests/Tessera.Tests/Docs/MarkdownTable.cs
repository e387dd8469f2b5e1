namespace Tessera.Tests.Docs;

/// <summary>Reads the worked-example tables of docs/algorithms/ so tests can check them against the code.</summary>
internal static class MarkdownTable
{
    /// <summary>
    /// The body rows (cells trimmed) of the first table after the heading that starts with <paramref name="heading"/>
    /// in the document docs/algorithms/<paramref name="document"/>.
    /// </summary>
    public static List<string[]> Rows(string document, string heading)
    {
        string path = Path.Combine(TestPaths.RepositoryRoot, "docs", "algorithms", document);
        string[] lines = File.ReadAllLines(path);
        int at = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(at >= 0, $"{path}: no heading '{heading}'");
        while (at < lines.Length && !lines[at].StartsWith('|')) at++;
        var rows = new List<string[]>();
        for (at += 2; at < lines.Length && lines[at].StartsWith('|'); at++)
            rows.Add([.. lines[at].Trim().Trim('|').Split(" | ").Select(c => c.Trim())]);
        return rows;
    }

    /// <summary>The code spans of a cell (text between backticks), with <c>\n</c> and <c>\r</c> unescaped.</summary>
    public static List<string> CodeSpans(string cell)
    {
        var spans = new List<string>();
        string[] parts = cell.Split('`');
        for (int i = 1; i < parts.Length; i += 2)
            spans.Add(parts[i].Replace(@"\n", "\n", StringComparison.Ordinal).Replace(@"\r", "\r", StringComparison.Ordinal));
        return spans;
    }
}
