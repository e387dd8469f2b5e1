using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tessera.Models;
using Tessera.Models.WordPiece;

namespace Tessera.Tests.Docs;

/// <summary>The worked example of docs/algorithms/wordpiece.md: each word's documented tokens and byte ranges.</summary>
public sealed partial class WordPieceExampleTests
{
    private static readonly WordPieceModel s_model = new(
        new() { ["[UNK]"] = 0, ["un"] = 1, ["unaff"] = 2, ["##a"] = 3, ["##able"] = 4, ["##ble"] = 5, ["##ff"] = 6, ["##x"] = 7 },
        "[UNK]", "##", 12);

    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (string[] row in MarkdownTable.Rows("wordpiece.md", "## Worked example"))
            data.Add(MarkdownTable.CodeSpans(row[0])[0], row[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void TheDocumentedTokens(string word, string tokens)
    {
        var expected = TokenAndRange().Matches(tokens).Select(m => (m.Groups[1].Value,
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();
        var output = new List<Token>();
        s_model.Tokenize(Encoding.UTF8.GetBytes(word), output);
        Assert.Equal(expected, output.Select(t => (s_model.IdToToken(t.Id)!, t.Start, t.End)).ToList());
    }

    [Fact]
    public void TheDocumentedVocabularyIsTheOneTested()
    {
        string doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "algorithms", "wordpiece.md"));
        foreach ((string token, int id) in s_model.Vocabulary)
            Assert.Contains($"`{token}` {id}", doc, StringComparison.Ordinal);
        Assert.Contains("`max_input_chars_per_word` 12", doc, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"`([^`]+)` \[(\d+), (\d+)\)")]
    private static partial Regex TokenAndRange();
}
