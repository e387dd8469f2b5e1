using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tessera.Models;
using Tessera.Models.Unigram;

namespace Tessera.Tests.Docs;

/// <summary>The worked example of docs/algorithms/unigram-viterbi.md: its vocabulary, Viterbi table and tokens.</summary>
public sealed partial class UnigramViterbiExampleTests
{
    private const string Text = "abcxy";

    private static UnigramModel Model()
    {
        var pieces = MarkdownTable.Rows("unigram-viterbi.md", "## Worked example")
            .Select(r => (MarkdownTable.CodeSpans(r[1])[0], double.Parse(r[2], CultureInfo.InvariantCulture))).ToList();
        return new UnigramModel(pieces, 0, byteFallback: true);
    }

    /// <summary>The rows of the second and third tables after the heading.</summary>
    private static List<string[]> Table(int index)
    {
        string path = Path.Combine(TestPaths.RepositoryRoot, "docs", "algorithms", "unigram-viterbi.md");
        string[] lines = File.ReadAllLines(path);
        int at = Array.FindIndex(lines, l => l.StartsWith("## Worked example", StringComparison.Ordinal));
        var tables = new List<List<string[]>>();
        for (int i = at; i < lines.Length && !lines[i].StartsWith("## The hot loop", StringComparison.Ordinal); i++)
        {
            if (!lines[i].StartsWith('|'))
                continue;
            var rows = new List<string[]>();
            for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
                rows.Add([.. lines[i].Trim().Trim('|').Split(" | ").Select(c => c.Trim())]);
            tables.Add(rows);
        }
        return tables[index];
    }

    [Fact]
    public void TheViterbiTableIsTheDocumented()
    {
        UnigramModel model = Model();
        var best = new UnigramModel.BestPath[Text.Length + 1];
        model.Viterbi(Encoding.UTF8.GetBytes(Text), best);
        List<string[]> rows = Table(1);
        Assert.Equal(Text.Length, rows.Count);
        foreach (string[] row in rows)
        {
            int position = int.Parse(row[0], CultureInfo.InvariantCulture);
            Assert.Equal(double.Parse(row[2], CultureInfo.InvariantCulture), best[position].Score);
            Assert.Equal(int.Parse(row[3], CultureInfo.InvariantCulture), best[position].Start);
            int id = row[4] == "unknown" ? 0 : model.TokenToId(MarkdownTable.CodeSpans(row[4])[0])!.Value;
            Assert.Equal(id, best[position].Id);
        }
        Assert.Equal(-14, model.MinScore - UnigramModel.UnknownPenalty);
    }

    [Fact]
    public void TheTokensAreTheDocumented()
    {
        UnigramModel model = Model();
        var output = new List<Token>();
        model.Tokenize(Encoding.UTF8.GetBytes(Text), output);
        var documented = Table(2).Select(r =>
        {
            Match m = Range().Match(r[2]);
            return new Token(int.Parse(r[1], CultureInfo.InvariantCulture), int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }).ToList();
        Assert.Equal(documented, output);
        Assert.Equal(Table(2).Select(r => MarkdownTable.CodeSpans(r[0])[0]), output.Select(t => model.IdToToken(t.Id)));
    }

    [GeneratedRegex(@"\[(\d+), (\d+)\)")]
    private static partial Regex Range();
}
