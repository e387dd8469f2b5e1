using System.Text;
using Tessera.Formats.HuggingFace;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// Numbers read and written as Hugging Face reads and writes them: Goldens/hf-floats.tsv pairs the text of a Unigram
/// score in a file Hugging Face loaded with the text its save wrote for it (tests/goldens/make-hf-float-goldens.mjs).
/// </summary>
public sealed class RustFloatTests
{
    public static TheoryData<string, string> Golden()
    {
        var data = new TheoryData<string, string>();
        foreach (string line in File.ReadLines(Path.Combine(TestPaths.Goldens, "hf-floats.tsv")).Where(l => l.Length > 0))
        {
            string[] parts = line.Split('\t');
            data.Add(parts[0], parts[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void ReadThenWrittenAsHuggingFaceDoes(string text, string written) =>
        Assert.Equal(written, RustFloat.Format(RustFloat.Parse(Encoding.ASCII.GetBytes(text))));

    [Fact]
    public void TheGoldenFileHasTheCasesThatMatter()
    {
        var data = Golden().Select(row => ((string)row[0], (string)row[1])).ToList();
        Assert.True(data.Count > 400);
        // A 17-digit score Hugging Face reads one unit in the last place away from the correctly rounded value.
        Assert.Contains(data, d => d.Item1 != d.Item2 && double.Parse(d.Item1, System.Globalization.CultureInfo.InvariantCulture)
            != double.Parse(d.Item2, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(-7.6135455753496215)]
    [InlineData(0.1)]
    [InlineData(1e-300)]
    [InlineData(123456.789)]
    public void WrittenTextReadsBackAsTheSameDouble(double value) =>
        Assert.Equal(value, double.Parse(RustFloat.Format(value), System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1e400")]
    [InlineData("-2e308")]
    public void TooLargeIsAnError(string text) => Assert.Throws<OverflowException>(() => RustFloat.Parse(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void TinyUnderflowsToZero() => Assert.Equal(0.0, RustFloat.Parse("1e-400"u8));

    [Fact]
    public void NaNHasNoJsonForm() => Assert.Throws<ArgumentOutOfRangeException>(() => RustFloat.Format(double.NaN));
}
