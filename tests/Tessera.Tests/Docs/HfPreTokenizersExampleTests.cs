using Tessera.Tests.Conformance;
using Tessera.Tests.PreTokenizers;

namespace Tessera.Tests.Docs;

/// <summary>
/// The worked example of docs/algorithms/hf-pre-tokenizers.md: every row's pre-tokenizer cuts the example text into the
/// documented pieces at the documented offsets (the table was printed by Hugging Face's pre_tokenize_str).
/// </summary>
public sealed class HfPreTokenizersExampleTests
{
    private const string Example = " Hey  you, ¾ 日本ー語!";

    public static TheoryData<string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string[] row in MarkdownTable.Rows("hf-pre-tokenizers.md", "## Worked example"))
            data.Add(MarkdownTable.CodeSpans(row[0])[0], string.Join("\u0001", MarkdownTable.CodeSpans(row[1])), row[2]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachPreTokenizerGivesTheDocumentedPieces(string json, string pieces, string offsets)
    {
        List<(string Piece, int Start, int End)> actual = HuggingFacePreTokenizerTests.PreTokenize(PreTokenizerAssert.Load(json), Example);
        Assert.Equal(pieces, string.Join("\u0001", actual.Select(p => p.Piece)));
        Assert.Equal(offsets, string.Join(" ", actual.Select(p => $"{p.Start}-{p.End}")));
    }

    [Fact]
    public void TheDocumentNamesTheExampleText() =>
        Assert.Contains($"`\"{Example}\"`", File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "algorithms", "hf-pre-tokenizers.md")), StringComparison.Ordinal);
}
