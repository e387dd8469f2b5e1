using System.Text;
using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>The pre-token count file: what is written reads back (escapes included), files add up, and bad files are named with their line.</summary>
public sealed class PretokenCountFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-counts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void WrittenCountsReadBackAndAddUp()
    {
        var counts = new Dictionary<string, long> { ["▁the"] = 5_000_000_000, ["a\tb"] = 2, ["back\\slash"] = 1, ["line\nfeed\r"] = 3, ["𝔘"] = 7 };
        var ends = new Dictionary<string, long> { ["▁the"] = 4 };
        string first = Path.Combine(_folder, "a.counts"), second = Path.Combine(_folder, "b.counts");
        PretokenCountFile.Save(first, "sentencepiece", counts, ends);
        PretokenCountFile.Save(second, "sentencepiece", new Dictionary<string, long> { ["▁the"] = 1, ["new"] = 1 }, new Dictionary<string, long>());
        PretokenCountFile.Contents read = PretokenCountFile.Read([first, second]);
        Assert.Equal("sentencepiece", read.Kind);
        Assert.Equal(5_000_000_001, read.Counts["▁the"]);
        Assert.Equal(2, read.Counts["a\tb"]);
        Assert.Equal(3, read.Counts["line\nfeed\r"]);
        Assert.Equal(1, read.Counts["back\\slash"]);
        Assert.Equal(7, read.Counts["𝔘"]);
        Assert.Equal(1, read.Counts["new"]);
        Assert.Equal(4, read.LineEnds["▁the"]);
        Assert.Equal(6, read.Counts.Count);
        // sorted by code point, so the same counts always make the same file
        string[] lines = File.ReadAllLines(first, Encoding.UTF8);
        Assert.Equal(["#tessera-pretoken-counts 1 sentencepiece", "a\\tb\t2\t0", "back\\\\slash\t1\t0", "line\\nfeed\\r\t3\t0", "▁the\t5000000000\t4", "𝔘\t7\t0"], lines);
    }

    [Theory]
    [InlineData("the\t3\n", "x.counts:1: expected a pre-token count file")]
    [InlineData("#tessera-pretoken-counts 1 byte-level\nthe\tmany\n", "x.counts:2: expected a pre-token, a tab and its count")]
    [InlineData("#tessera-pretoken-counts 1 byte-level\nthe\\q\t1\n", "x.counts:2: expected \\t, \\n, \\r or \\\\ after a backslash")]
    [InlineData("#tessera-pretoken-counts 1 byte-level\nthe\t1\nof\t2\n", "x.counts:3: expected each pre-token once, in code point order")]
    [InlineData("#tessera-pretoken-counts 1 byte-level\nof\t1\nof\t2\n", "x.counts:3: expected each pre-token once, in code point order")]
    public void BadFilesAreNamedWithTheLine(string text, string message)
    {
        string path = Write("x.counts", text);
        var error = Assert.Throws<TokenizerFormatException>(() => PretokenCountFile.Read([path]));
        Assert.Contains(message, error.Message.Replace(_folder + Path.DirectorySeparatorChar, ""));
    }

    [Fact]
    public void KindsMustAgree()
    {
        string a = Write("a.counts", "#tessera-pretoken-counts 1 byte-level\nthe\t3\n");
        string b = Write("b.counts", "#tessera-pretoken-counts 1 bert\nthe\t3\n");
        var error = Assert.Throws<TokenizerFormatException>(() => PretokenCountFile.Read([a, b]));
        Assert.Contains("expected counts of the same kind as the files before (byte-level)", error.Message);
    }
}
