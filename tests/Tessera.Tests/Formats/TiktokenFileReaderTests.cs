using System.Text;
using Tessera.Formats.Tiktoken;

namespace Tessera.Tests.Formats;

/// <summary>Every malformed-file path raises <see cref="TokenizerFormatException"/> naming the file and line.</summary>
public sealed class TiktokenFileReaderTests
{
    private const string Good = "IQ== 0\nIg== 1\n";

    [Theory]
    [InlineData(Good + "not*base64 2\n", 3, "base64")]
    [InlineData(Good + "Iw== two\n", 3, "rank")]
    [InlineData(Good + "Iw== -1\n", 3, "rank")]
    [InlineData(Good + "Iw== 99999999\n", 3, "rank")]
    [InlineData(Good + "Iw==\n", 3, "no space")]
    [InlineData(Good + "Iw== 1\n", 3, "rank 1 is given twice")]
    [InlineData(Good + "IQ== 2\n", 3, "token is given twice")]
    [InlineData("IQ== 0\n\nIg== 0\n", 3, "rank 0 is given twice")]
    [InlineData(Good + "Iw== 2 extra\n", 3, "rank")]
    [InlineData(Good + " 2\n", 3, "base64")]
    public void MalformedLineIsNamed(string content, int line, string problem)
    {
        string path = WriteTemp(content);
        var error = Assert.Throws<TokenizerFormatException>(() => TiktokenTokenizer.Load(path, TiktokenPatterns.Cl100k));
        Assert.Equal(line, error.LineNumber);
        Assert.Equal(path, error.FilePath);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:{line}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void EmptyFileIsAnError(string content)
    {
        string path = WriteTemp(content);
        var error = Assert.Throws<TokenizerFormatException>(() => TiktokenTokenizer.Load(path, TiktokenPatterns.Cl100k));
        Assert.Equal(0, error.LineNumber);
        Assert.Contains("no tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => TiktokenTokenizer.Load(Path.Combine(Path.GetTempPath(), "no-such-file.tiktoken"), TiktokenPatterns.Cl100k));

    [Fact]
    public void CrLfLinesAndGapsAreRead()
    {
        byte[]?[] tokens = TiktokenFileReader.Parse(Encoding.ASCII.GetBytes("IQ== 0\r\nIg== 3\r\n"), "(test)");
        Assert.Equal(4, tokens.Length);
        Assert.Equal("!"u8.ToArray(), tokens[0]);
        Assert.Null(tokens[1]);
        Assert.Equal("\""u8.ToArray(), tokens[3]);
    }

    [Fact]
    public void CustomFileEncodesWithGivenPatternAndSpecials()
    {
        // All 256 bytes plus "ab" and " ab"; ranks as given.
        var lines = new StringBuilder();
        for (int b = 0; b < 256; b++) lines.Append(Convert.ToBase64String([(byte)b])).Append(' ').Append(b).Append('\n');
        lines.Append(Convert.ToBase64String("ab"u8.ToArray())).Append(" 256\n");
        lines.Append(Convert.ToBase64String(" ab"u8.ToArray())).Append(" 257\n");
        string path = WriteTemp(lines.ToString());
        var tokenizer = TiktokenTokenizer.Load(path, TiktokenPatterns.R50k, new Dictionary<string, int> { ["<|end|>"] = 300 }, "tiny");
        Assert.Equal("tiny", tokenizer.Name);
        Assert.Equal(301, tokenizer.VocabularySize);
        Assert.Equal([256, 257, 300], tokenizer.Encode("ab ab<|end|>", SpecialTokenPolicy.AllowAll));
        Assert.Equal([97, 256], tokenizer.Encode("aab"));
    }

    private static string WriteTemp(string content)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tessera-{Guid.NewGuid():N}.tiktoken");
        File.WriteAllText(path, content);
        return path;
    }
}
