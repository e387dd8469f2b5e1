using System.Text;
using Tessera.Models.Bpe;
using Tessera.Tests.Models;

namespace Tessera.Tests.Docs;

/// <summary>
/// The worked example of docs/algorithms/byte-pair-merge.md: its table is the naive reference merge of <c>" Zürich"</c>
/// with cl100k_base's real ranks, step by step; the final ids are tiktoken's (golden edge-cases input) and the fast
/// merge's.
/// </summary>
public sealed class BytePairMergeExampleTests
{
    private const string Example = " Z\u00FCrich";
    private const string Encoding = "cl100k_base";

    /// <summary>A part as the doc shows it: its text in a code span, a space as ␣, a byte that is not whole UTF-8 as \xHH.</summary>
    private static string Show(byte[] part)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(part).Replace(' ', '\u2423');
        }
        catch (DecoderFallbackException)
        {
            text = string.Concat(part.Select(b => b < 0x80 ? ((char)b).ToString() : $"\\x{b:X2}"));
        }
        return "`" + text + "`";
    }

    private static List<string[]> ComputedRows(RankTable table, out int[] ids)
    {
        var steps = new List<NaiveMerge.Step>();
        ids = NaiveMerge.Encode(table, System.Text.Encoding.UTF8.GetBytes(Example), steps);
        var rows = new List<string[]>();
        for (int i = 0; i < steps.Count; i++)
        {
            NaiveMerge.Step step = steps[i];
            rows.Add([i.ToString(), string.Join(' ', step.Parts.Select(Show)),
                $"{Show(step.Parts[step.At])} + {Show(step.Parts[step.At + 1])} (rank {step.Rank})"]);
        }
        rows.Add(["end", string.Join(' ', ids.Select(id => Show(table.BytesOf(id).ToArray()))), $"ids {string.Join(' ', ids)}"]);
        return rows;
    }

    [Fact]
    public void TheDocumentedStepsAreTheNaiveMergeWithRealRanks()
    {
        RankTable table = TiktokenTokenizer.Get(Encoding).Encoder.Table;
        List<string[]> computed = ComputedRows(table, out _);
        List<string[]> documented = MarkdownTable.Rows("byte-pair-merge.md", "## Worked example");
        string expectedTable = string.Join('\n', computed.Select(r => "| " + string.Join(" | ", r) + " |"));
        Assert.True(computed.Count == documented.Count && computed.Zip(documented).All(p => p.First.SequenceEqual(p.Second)),
            "docs/algorithms/byte-pair-merge.md's worked example differs from the computed merge; it should read:\n" + expectedTable);
    }

    [Fact]
    public void TheExampleIsNotATokenAndItsIdsAreTiktokens()
    {
        var tokenizer = TiktokenTokenizer.Get(Encoding);
        Assert.Equal(-1, tokenizer.Encoder.Table.RankOf(System.Text.Encoding.UTF8.GetBytes(Example)));
        ComputedRows(tokenizer.Encoder.Table, out int[] naive);
        List<string> documents = Conformance.GoldenFiles.Documents("edge-cases");
        int index = documents.IndexOf(Example);
        Assert.True(index >= 0, "the example is a golden input");
        int[] golden = Conformance.GoldenFiles.Ids(Encoding, "edge-cases.ids")[index];
        Assert.Equal(golden, naive);
        Assert.Equal(golden, tokenizer.Encode(Example));
    }
}
