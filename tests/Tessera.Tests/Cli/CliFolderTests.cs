using System.Text;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Cli;

/// <summary>
/// <c>tessera encode --tokenizer FOLDER --per-line --special ordinary --input FILE</c> with a folder of vocabulary files
/// (BERT's vocab.txt; GPT-2's vocab.json + merges.txt) gives Hugging Face's ids for every one-line golden document of
/// the folder cases.
/// </summary>
public sealed class CliFolderTests
{
    [Theory]
    [InlineData("bert-vocab-txt")]
    [InlineData("gpt2-vocab-merges")]
    public void PerLineEncodeOfAFolderMatchesHuggingFace(string name)
    {
        var documents = new List<(string Name, string Text, string Hash)>();
        foreach (string input in new[] { "prose-en", "multilingual", "code", "unicode-edge", "special-tokens", "lines", "edge-cases", "adversarial" })
        {
            List<string> texts = GoldenFiles.Documents(input);
            List<string[]> hashes = HuggingFaceGoldens.Hashes(name, input);
            for (int i = 0; i < hashes.Count; i++)
                if (!texts[i].Contains('\n', StringComparison.Ordinal) && !texts[i].Contains('\r', StringComparison.Ordinal))
                    documents.Add(($"{input} #{i + 1}", texts[i], hashes[i][0]));
        }
        Assert.True(documents.Count > 300, $"{documents.Count} one-line documents");
        using CliRunner.TempFile file = CliRunner.File(Encoding.UTF8.GetBytes(string.Concat(documents.Select(d => d.Text + "\n"))));

        CliRunner.Result result = CliRunner.Run("encode", "--tokenizer", HuggingFaceGoldens.LoadPath(name), "--per-line", "--special", "ordinary", "--input", file.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        string[] lines = result.Stdout.Split('\n');
        Assert.Equal(documents.Count + 1, lines.Length);
        for (int i = 0; i < documents.Count; i++)
        {
            int[] ids = lines[i].Length == 0 ? [] : [.. lines[i].Split(' ').Select(int.Parse)];
            Assert.True(documents[i].Hash == CodePointSweep.Hash(ids), $"{name} {documents[i].Name}: ids differ from Hugging Face's: {documents[i].Text}");
        }
    }

    [Fact]
    public void AnUnknownWordIsNotASpecialTokenInTheText()
    {
        // BERT's [UNK] is a special token, but here the model gives it for "☃": the default --special error accepts it
        // and still refuses [MASK] written in the text. Hugging Face (Node binding 0.23.2, the case's tokenizer.json):
        // "Hello ☃" is [2628, 1781, 1], tokens hel ##lo [UNK].
        string folder = HuggingFaceGoldens.LoadPath("bert-vocab-txt");
        CliRunner.Result ids = CliRunner.Run("encode", "--tokenizer", folder, "Hello ☃");
        Assert.True(ids.ExitCode == 0, ids.Stderr);
        Assert.Equal("2628 1781 1", ids.Stdout.TrimEnd('\n'));

        CliRunner.Result tokens = CliRunner.Run("encode", "--tokenizer", folder, "--format", "tokens", "Hello ☃");
        Assert.True(tokens.ExitCode == 0, tokens.Stderr);
        Assert.Equal("\"hel\" \"##lo\" \"[UNK]\"", tokens.Stdout.TrimEnd('\n'));

        CliRunner.Result mask = CliRunner.Run("encode", "--tokenizer", folder, "Hello [MASK] ☃");
        Assert.NotEqual(0, mask.ExitCode);
        Assert.Contains("special token '[MASK]' in the text", mask.Stderr, StringComparison.Ordinal);
    }
}
