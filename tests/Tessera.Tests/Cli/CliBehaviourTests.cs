using System.Text;
using System.Text.Json;

namespace Tessera.Tests.Cli;

/// <summary>Inputs, options, output formats, exit codes and one-line errors of the <c>tessera</c> command.</summary>
public sealed class CliBehaviourTests
{
    private static readonly TiktokenTokenizer s_o200k = TiktokenTokenizer.Get("o200k_base");

    private static string Ids(string text, SpecialTokenPolicy? policy = null) => string.Join(' ', s_o200k.Encode(text, policy ?? SpecialTokenPolicy.Error));

    private static void AssertOneLineError(CliRunner.Result result, int exitCode, string containing)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Stdout);
        string stderr = result.Stderr.TrimEnd('\n');
        Assert.DoesNotContain('\n', stderr);
        Assert.StartsWith("tessera: ", stderr, StringComparison.Ordinal);
        Assert.Contains(containing, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReadmeCommandEncodesTheArgumentWithTheDefaultEncoding()
    {
        CliRunner.Result result = CliRunner.Run("encode", "Hello, world");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Ids("Hello, world") + "\n", result.Stdout);
    }

    [Fact]
    public void TextComesFromStandardInputWhenNoArgumentOrFileIsGiven()
    {
        byte[] text = Encoding.UTF8.GetBytes("from stdin\nsecond line");
        Assert.Equal(Ids("from stdin\nsecond line") + "\n", CliRunner.Run(text, "encode").Stdout);
        Assert.Equal(Ids("from stdin\nsecond line") + "\n", CliRunner.Run(text, "encode", "--input", "-").Stdout);
        Assert.Equal(s_o200k.CountTokens("from stdin\nsecond line") + "\n", CliRunner.Run(text, "count").Stdout);
    }

    [Fact]
    public void PerLineGivesOneOutputLinePerInputLineAndAnEmptyLineForAnEmptyDocument()
    {
        byte[] text = Encoding.UTF8.GetBytes("first\n\nthird\r\nlast without newline");
        CliRunner.Result result = CliRunner.Run(text, "encode", "--per-line");
        Assert.Equal($"{Ids("first")}\n\n{Ids("third\r")}\n{Ids("last without newline")}\n", result.Stdout);
        string counts = string.Concat(new[] { "first", "", "third\r", "last without newline" }.Select(line => s_o200k.CountTokens(line) + "\n"));
        Assert.Equal(counts, CliRunner.Run(text, "count", "--per-line").Stdout);
    }

    [Fact]
    public void SpecialTokenTextIsAnErrorByDefaultAsInTiktoken()
    {
        AssertOneLineError(CliRunner.Run("encode", "a <|endoftext|> b"), 1, "<|endoftext|>");
        Assert.Equal(Ids("a <|endoftext|> b", SpecialTokenPolicy.AllowAll) + "\n", CliRunner.Run("encode", "--special", "allow", "a <|endoftext|> b").Stdout);
        Assert.Equal(Ids("a <|endoftext|> b", SpecialTokenPolicy.Ordinary) + "\n", CliRunner.Run("encode", "--special", "ordinary", "a <|endoftext|> b").Stdout);
        Assert.Contains("199999", CliRunner.Run("encode", "--special", "allow", "<|endoftext|>").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8IsAnInputErrorNamingTheByteOffset()
    {
        byte[] text = [.. "hello "u8, 0xC3, 0x28, .. " world"u8];
        using CliRunner.TempFile file = CliRunner.File(text);
        AssertOneLineError(CliRunner.Run("encode", "--input", file.Path), 1, "byte offset 6");
        AssertOneLineError(CliRunner.Run(text, "count", "--per-line"), 1, "byte offset 6");
    }

    [Fact]
    public void FormatsTokensAndJsonDescribeEachToken()
    {
        CliRunner.Result tokens = CliRunner.Run("encode", "--format", "tokens", "Hello world");
        Assert.Equal("\"Hello\" \" world\"\n", tokens.Stdout);
        CliRunner.Result json = CliRunner.Run("encode", "--format", "json", "Hi é");
        using JsonDocument document = JsonDocument.Parse(json.Stdout);
        JsonElement root = document.RootElement;
        IReadOnlyList<TokenOffset> expected = s_o200k.EncodeWithOffsets("Hi é");
        Assert.Equal(expected.Select(t => t.Id), root.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(expected.Select(t => t.ByteEnd), root.GetProperty("byte_offsets").EnumerateArray().Select(e => e[1].GetInt32()));
        Assert.Equal(expected.Select(t => t.CharEnd), root.GetProperty("offsets").EnumerateArray().Select(e => e[1].GetInt32()));
        Assert.Equal("Hi", root.GetProperty("tokens")[0].GetString());
    }

    [Fact]
    public void TokenStringsShowEveryByteOfTokensThatCutACharacter()
    {
        // o200k_base cuts the emoji inside its UTF-8 sequence; each token's bytes must still all be shown.
        const string Text = "party 🎉 time 𝔘𝔫𝔦";
        CliRunner.Result result = CliRunner.Run("encode", "--format", "tokens", Text);
        var shown = new List<byte>();
        foreach (string token in result.Stdout.TrimEnd('\n').Split("\" \"", StringSplitOptions.None))
        {
            string text = JsonSerializer.Deserialize<string>("\"" + token.Trim('"') + "\"")!;
            for (int i = 0; i < text.Length;)
            {
                if (text[i] == '\\' && i + 3 < text.Length + 1 && text[i + 1] == 'x')
                {
                    shown.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                    i += 4;
                }
                else
                {
                    int length = char.IsHighSurrogate(text[i]) ? 2 : 1;
                    shown.AddRange(System.Text.Encoding.UTF8.GetBytes(text.Substring(i, length)));
                    i += length;
                }
            }
        }
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Text), shown);
    }

    [Fact]
    public void DecodeTurnsIdsBackIntoTextAndNamesAnUnknownId()
    {
        Assert.Equal("Hello, world", CliRunner.Run("decode", Ids("Hello, world")).Stdout);
        AssertOneLineError(CliRunner.Run("decode", "9 99999999"), 1, "99999999");
        AssertOneLineError(CliRunner.Run("decode", "12 x3"), 1, "x3");
    }

    [Fact]
    public void OtherEncodingsAndTiktokenFilesAreChosenWithTokenizer()
    {
        var cl100k = TiktokenTokenizer.Get("cl100k_base");
        string expected = string.Join(' ', cl100k.Encode("Hello, world")) + "\n";
        Assert.Equal(expected, CliRunner.Run("encode", "-t", "cl100k_base", "Hello, world").Stdout);
        Assert.Equal(expected, CliRunner.Run("encode", "--tokenizer", TestPaths.TiktokenAsset("cl100k_base"), "Hello, world").Stdout);
    }

    [Fact]
    public void UsageErrorsExitWithTwoAndOneLine()
    {
        AssertOneLineError(CliRunner.Run("encode", "--bogus", "x"), 2, "--bogus");
        AssertOneLineError(CliRunner.Run("encode", "--threads", "0", "x"), 2, "--threads");
        AssertOneLineError(CliRunner.Run("encode", "--special", "maybe", "x"), 2, "--special");
        AssertOneLineError(CliRunner.Run("encode", "--tokenizer", "nope", "x"), 2, "nope");
        AssertOneLineError(CliRunner.Run("encode", "--format", "xml", "x"), 2, "--format");
    }

    [Fact]
    public void AMissingOrMalformedFileIsAnInputError()
    {
        AssertOneLineError(CliRunner.Run("encode", "--input", "/nonexistent/input.txt"), 1, "/nonexistent/input.txt");
        string dir = Path.Combine(Path.GetTempPath(), "tessera-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string bad = Path.Combine(dir, "cl100k_base.tiktoken");
            File.WriteAllText(bad, "IQ== 0\nnot-base64! 1\n");
            AssertOneLineError(CliRunner.Run("encode", "--tokenizer", bad, "x"), 1, ":2");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
