using System.Text;
using Tessera.Formats.Tiktoken;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;

namespace Tessera.Tests.Docs;

/// <summary>
/// The worked example of docs/algorithms/pre-tokenizer.md: the pieces in its table are the pieces both the hand-written
/// o200k splitter and the general regex engine find. (The ids of the example text are checked against tiktoken with
/// the other edge cases.)
/// </summary>
public sealed class PreTokenizerExampleTests
{
    private const string Example = "HELLOworld I'M  ok\n\n  \u017F's 12345";

    private static List<string> Pieces<TSplitter>(TSplitter splitter)
        where TSplitter : struct, IPieceSplitter
    {
        byte[] text = Encoding.UTF8.GetBytes(Example);
        var pieces = new List<string>();
        for (int from = 0, end; (end = splitter.NextPiece(text, from, out int start)) >= 0; from = end)
            pieces.Add(Encoding.UTF8.GetString(text, start, end - start));
        return pieces;
    }

    private static List<string> Documented() =>
        [.. MarkdownTable.Rows("pre-tokenizer.md", "## Worked example").SelectMany(row => MarkdownTable.CodeSpans(row[0]))];

    [Fact]
    public void TheDocumentedPiecesTileTheExample() => Assert.Equal(Example, string.Concat(Documented()));

    [Fact]
    public void TheHandWrittenSplitterFindsTheDocumentedPieces() => Assert.Equal(Documented(), Pieces(new O200kSplitter()));

    [Fact]
    public void TheRegexEngineFindsTheDocumentedPieces() =>
        Assert.Equal(Documented(), Pieces(new RegexSplitter(CodePointRegex.Parse(TiktokenPatterns.O200k))));

    [Fact]
    public void TheExampleIsAGoldenInput() => Assert.Contains(Example, Conformance.GoldenFiles.Documents("edge-cases"));
}
