using System.Globalization;
using Tessera.Normalizers;
using Tessera.Tests.Normalizers;
using Tessera.Text;

namespace Tessera.Tests.Docs;

/// <summary>
/// The worked example of docs/algorithms/normalization.md: NFKC of "e\u0301\u0316ﬁ". Its tables (Hugging Face's
/// offsets) are what the decomposition and composition produce, change by change.
/// </summary>
public sealed class NormalizationExampleTests
{
    private const string Example = "e\u0301\u0316\uFB01";

    private static int CodePoint(string cell) => int.Parse(cell.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static List<int> Input() => new NormalizedString(Example).CodePoints();

    [Fact]
    public void TheDecompositionTableIsWhatNfkdProduces()
    {
        List<string[]> rows = MarkdownTable.Rows("normalization.md", "### Decomposition (NFKD)");
        List<(int CodePoint, int Change)> decomposed = UnicodeNormalization.Decompose(Input(), compatibility: true);
        Assert.Equal(rows.Select(r => (CodePoint(r[0]), int.Parse(r[2], CultureInfo.InvariantCulture))), decomposed);
        Assert.Equal(rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)), decomposed.Select(d => (int)UnicodeData.Instance.CombiningClass(d.CodePoint)));
        var text = new NormalizedString(Example);
        new NfkdNormalizer().Normalize(text);
        Assert.Equal(string.Join(" ", rows.Select(r => r[3])), NormalizerAssert.Offsets(text, Example));
    }

    [Fact]
    public void TheCompositionTableIsWhatNfkcProduces()
    {
        List<string[]> rows = MarkdownTable.Rows("normalization.md", "### Composition (NFKC)");
        Assert.Equal(rows.Select(r => (CodePoint(r[0]), int.Parse(r[1], CultureInfo.InvariantCulture))), UnicodeNormalization.Compose(Input(), compatibility: true));
        var text = new NormalizedString(Example);
        new NfkcNormalizer().Normalize(text);
        Assert.Equal(string.Join(" ", rows.Select(r => r[2])), NormalizerAssert.Offsets(text, Example));
    }
}
