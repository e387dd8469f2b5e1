using System.Text;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Cli;

/// <summary>
/// The exact form <c>tessera encode --tokenizer PATH/tokenizer.json --per-line --special ordinary --input FILE</c>,
/// run as a process (build output under dotnet and the native executable), gives Hugging Face's ids for every one-line
/// golden document of every real model.
/// </summary>
public sealed class CliHuggingFaceTests
{
    public static TheoryData<string, CliHost> Models()
    {
        var data = new TheoryData<string, CliHost>();
        foreach (string model in new[] { "llama3", "qwen3", "gemma3", "gpt4o", "gpt35turbo", "deepseek_v3", "mistral7b", "claude" })
            foreach (CliHost host in new[] { CliHost.Dotnet, CliHost.Native }) // the script runs the native build
                data.Add(model, host);
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PerLineEncodeMatchesHuggingFace(string model, CliHost host)
    {
        var documents = new List<(string Name, string Text, string Hash)>();
        foreach (string input in new[] { "prose-en", "multilingual", "code", "unicode-edge", "lines" })
        {
            List<string> texts = GoldenFiles.Documents(input);
            List<string[]> hashes = HuggingFaceGoldens.Hashes(model, input);
            for (int i = 0; i < hashes.Count; i++)
                if (!texts[i].Contains('\n', StringComparison.Ordinal))
                    documents.Add(($"{input} #{i + 1}", texts[i], hashes[i][0]));
        }
        Assert.True(documents.Count > 1000, $"{documents.Count} one-line documents");
        using CliRunner.TempFile file = CliRunner.File(Encoding.UTF8.GetBytes(string.Concat(documents.Select(d => d.Text + "\n"))));

        CliRunner.Result result = CliRunner.Run(host, "encode", "--tokenizer", TestPaths.HuggingFaceAsset(model), "--per-line", "--special", "ordinary", "--input", file.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        string[] lines = result.Stdout.Split('\n');
        Assert.Equal(documents.Count + 1, lines.Length);
        for (int i = 0; i < documents.Count; i++)
        {
            int[] ids = lines[i].Length == 0 ? [] : [.. lines[i].Split(' ').Select(int.Parse)];
            Assert.True(documents[i].Hash == CodePointSweep.Hash(ids), $"{model} {documents[i].Name}: ids differ from Hugging Face's: {documents[i].Text}");
        }
    }

    [Fact]
    public void InspectNamesTheModelThePipelineAndTheSpecialTokens()
    {
        CliRunner.Result result = CliRunner.Run("inspect", TestPaths.HuggingFaceAsset("llama3"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("model:          BPE", result.Stdout);
        Assert.Contains("vocabulary:     128256 tokens", result.Stdout);
        Assert.Contains("pre-tokenizer:  Sequence[Split, ByteLevel]", result.Stdout);
        Assert.Contains("<|begin_of_text|>=128000", result.Stdout);
    }

    [Theory]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0,}}}", ":1: malformed JSON at byte 44 of the line")]
    [InlineData("{\"model\": {\"type\": \"Foo\"}}", "$.model: unsupported model type 'Foo'; supported: ")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1}, \"merges\": [\"a c\"]}}", "$.model.merges[0]: 'c' is not in the vocabulary")]
    public void BadTokenizerJsonIsOneLineAndNonZero(string json, string expected)
    {
        using CliRunner.TempFile file = CliRunner.File(Encoding.UTF8.GetBytes(json));

        CliRunner.Result result = CliRunner.Run("encode", "--tokenizer", file.Path, "hi");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    /// <summary>
    /// A text the model cannot encode (a Unigram without an unknown id meets a character no piece covers; Hugging
    /// Face fails there too): one line naming the cause, exit code 1, from the per-line path as from the plain one.
    /// </summary>
    [Fact]
    public void TextTheModelCannotEncodeIsOneLineAndNonZero()
    {
        const string json = """{"model": {"type": "Unigram", "unk_id": null, "vocab": [["a", -1.0], ["b", -2.0]]}}""";
        using CliRunner.TempFile tokenizer = CliRunner.File(Encoding.UTF8.GetBytes(json));
        using CliRunner.TempFile input = CliRunner.File(Encoding.UTF8.GetBytes("ab\nabc\nba\n"));

        foreach (CliRunner.Result result in new[]
        {
            CliRunner.Run("encode", "--tokenizer", tokenizer.Path, "abc"),
            CliRunner.Run("encode", "--tokenizer", tokenizer.Path, "--per-line", "--special", "ordinary", "--input", input.Path),
        })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("tessera: Unigram: the text has a character no piece covers and the model has no unknown token (unk_id is null)\n", result.Stderr);
        }
    }

    [Fact]
    public void SpecialTokenTextIsRefusedByDefaultAllowedOrOrdinaryOnRequest()
    {
        string path = TestPaths.HuggingFaceAsset("llama3");

        CliRunner.Result refused = CliRunner.Run("encode", "--tokenizer", path, "a<|begin_of_text|>");
        CliRunner.Result allowed = CliRunner.Run("encode", "--tokenizer", path, "--special", "allow", "a<|begin_of_text|>");
        CliRunner.Result ordinary = CliRunner.Run("encode", "--tokenizer", path, "--special", "ordinary", "a<|begin_of_text|>");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("special token '<|begin_of_text|>'", refused.Stderr);
        Assert.Equal("64 128000\n", allowed.Stdout);
        Assert.DoesNotContain("128000", ordinary.Stdout);
    }
}
