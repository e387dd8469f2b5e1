using System.Text;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Cli;

/// <summary>
/// The exact command forms of the issue, run as a process, give tiktoken's ids (golden files):
/// <c>tessera encode --tokenizer ENC --per-line --special ordinary --input FILE</c> and
/// <c>tessera count --tokenizer ENC --special ordinary --input FILE</c>, plus whole-file encode; both as the build
/// output under <c>dotnet</c> and as the ahead-of-time native executable.
/// </summary>
public sealed class CliConformanceTests
{
    public static TheoryData<string, CliHost> Encodings()
    {
        var data = new TheoryData<string, CliHost>();
        foreach (string encoding in TiktokenTokenizer.BuiltInNames)
            foreach (CliHost host in Enum.GetValues<CliHost>())
                data.Add(encoding, host);
        return data;
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void PerLineEncodeMatchesTiktokenOnEveryOneLineGoldenDocument(string encoding, CliHost host)
    {
        var documents = new List<(string Name, string Text, int[] Ids)>();
        foreach (string input in GoldenFiles.InputNames())
        {
            List<string> texts = GoldenFiles.Documents(input);
            List<int[]> ids = GoldenFiles.Ids(encoding, input + ".ids");
            for (int i = 0; i < texts.Count; i++)
            {
                if (!texts[i].Contains('\n', StringComparison.Ordinal))
                    documents.Add(($"{input} #{i + 1}", texts[i], ids[i]));
            }
        }
        Assert.True(documents.Count > 3500, $"{documents.Count} one-line documents");
        byte[] file = Encoding.UTF8.GetBytes(string.Concat(documents.Select(d => d.Text + "\n")));
        using CliRunner.TempFile temp = CliRunner.File(file);

        CliRunner.Result result = CliRunner.Run(host, "encode", "--tokenizer", encoding, "--per-line", "--special", "ordinary", "--input", temp.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        string[] lines = result.Stdout.Split('\n');
        Assert.Equal(documents.Count + 1, lines.Length);
        Assert.Equal("", lines[^1]);
        for (int i = 0; i < documents.Count; i++)
        {
            int[] actual = lines[i].Length == 0 ? [] : [.. lines[i].Split(' ').Select(int.Parse)];
            GoldenFiles.AssertSameIds(documents[i].Ids, actual, $"{encoding} {documents[i].Name} (tessera encode --per-line)", documents[i].Text);
        }
    }

    public static TheoryData<string, string, CliHost> LongDocuments()
    {
        var data = new TheoryData<string, string, CliHost>();
        foreach (string encoding in TiktokenTokenizer.BuiltInNames)
            foreach (string input in new[] { "prose-en", "code", "multilingual", "adversarial" })
                foreach (CliHost host in Enum.GetValues<CliHost>())
                    data.Add(encoding, input, host);
        return data;
    }

    [Theory]
    [MemberData(nameof(LongDocuments))]
    public void CountAndWholeFileEncodeMatchTiktokenOnTheLongestDocument(string encoding, string input, CliHost host)
    {
        List<string> texts = GoldenFiles.Documents(input);
        int longest = Enumerable.Range(0, texts.Count).MaxBy(i => texts[i].Length);
        int[] expected = GoldenFiles.Ids(encoding, input + ".ids")[longest];
        using CliRunner.TempFile temp = CliRunner.File(Encoding.UTF8.GetBytes(texts[longest]));

        CliRunner.Result count = CliRunner.Run(host, "count", "--tokenizer", encoding, "--special", "ordinary", "--input", temp.Path);
        Assert.True(count.ExitCode == 0, count.Stderr);
        Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", count.Stdout);

        CliRunner.Result encode = CliRunner.Run(host, "encode", "--tokenizer", encoding, "--special", "ordinary", "--input", temp.Path);
        Assert.True(encode.ExitCode == 0, encode.Stderr);
        GoldenFiles.AssertSameIds(expected, [.. encode.Stdout.TrimEnd('\n').Split(' ').Select(int.Parse)],
            $"{encoding} {input} #{longest + 1} (tessera encode)", texts[longest]);
    }
}
