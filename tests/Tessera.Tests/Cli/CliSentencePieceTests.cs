using System.Text;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Cli;

/// <summary>
/// The command form for a SentencePiece model, <c>tessera encode --tokenizer PATH/x.model --per-line --special
/// ordinary --input FILE</c>, run as a process on one and two threads (one thread takes its own loop), gives the ids of
/// the library, which SentencePieceConformanceTests holds to spm_encode's, on every one-line golden document. (The
/// command refuses input that is not UTF-8, naming the byte, where spm_encode reads it; the library's handling of such
/// bytes is checked against spm_encode by SentencePieceConformanceTests.)
/// </summary>
public sealed class CliSentencePieceTests
{
    public static TheoryData<string, CliHost, string> Runs()
    {
        var data = new TheoryData<string, CliHost, string>();
        foreach (string model in new[] { "unigram-8k", "bpe-8k-byte-fallback", "unigram-1k-custom-rules", "char" })
            foreach (CliHost host in new[] { CliHost.Dotnet, CliHost.Native })
                foreach (string threads in new[] { "1", "2" })
                    data.Add(model, host, threads);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void PerLineEncodeGivesTheLibrarysIds(string model, CliHost host, string threads)
    {
        string path = Path.Combine(TestPaths.Goldens, "spm", model + ".model");
        var tokenizer = SentencePieceTokenizer.Load(path);
        var lines = GoldenFiles.InputNames().SelectMany(GoldenFiles.Documents)
            .Where(d => !d.Contains('\n', StringComparison.Ordinal)).Select(Encoding.UTF8.GetBytes).ToList();
        Assert.True(lines.Count > 3500, $"{lines.Count} one-line documents");
        using CliRunner.TempFile file = CliRunner.File([.. lines.SelectMany(l => l.Append((byte)'\n'))]);

        CliRunner.Result result = CliRunner.Run(host, "encode", "--tokenizer", path, "--per-line", "--special", "ordinary",
            "--threads", threads, "--input", file.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        string[] output = result.Stdout.Split('\n');
        Assert.Equal(lines.Count + 1, output.Length);
        for (int i = 0; i < lines.Count; i++)
            Assert.True(string.Join(' ', tokenizer.EncodeToIds(lines[i])) == output[i], $"{model} line {i + 1}: {Encoding.UTF8.GetString(lines[i])}");
    }
}
