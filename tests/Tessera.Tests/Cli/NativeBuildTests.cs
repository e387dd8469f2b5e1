using System.Text;

namespace Tessera.Tests.Cli;

/// <summary>
/// The ahead-of-time native executable, and the repository's <c>tessera</c> script that runs it, behave exactly as the
/// build output run by <c>dotnet</c>: same output, messages and exit codes.
/// </summary>
public sealed class NativeBuildTests
{
    public static TheoryData<string> Cases() =>
    [
        "encode|Hello, world",
        "encode|--format|tokens|party 🎉 𝔘𝔫𝔦",
        "encode|--format|json|naïve café",
        "encode|--per-line|--input|-|@first line\nsecond\n\nlast",
        "encode|-t|r50k_base|--special|allow|a<|endoftext|>b",
        "encode|a <|endoftext|> b",
        "encode|--input|-|@bad \xFF byte",
        "encode|--tokenizer|no_such_encoding|x",
        "encode|--input|/no/such/file",
        "encode|--threads|0|x",
        "encode|--bogus",
        "count|--per-line|--input|-|@one\ntwo words\n",
        "count|--tokenizer|cl100k_base|--special|ordinary|--input|-|@some text <|endoftext|>",
        "decode|13225 11 2375",
        "decode|9 99999999",
        "decode|12 x3",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void NativeMatchesDotnet(string spec) => AssertSameAsDotnet(CliHost.Native, spec);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScriptMatchesDotnet(string spec) => AssertSameAsDotnet(CliHost.Script, spec);

    private static void AssertSameAsDotnet(CliHost host, string spec)
    {
        // Arguments separated by '|'; an argument starting with '@' is standard input instead ("\xFF" there is the raw byte).
        string[] parts = spec.Split('|');
        string? stdinText = parts.FirstOrDefault(p => p.StartsWith('@'))?[1..];
        byte[]? stdin = stdinText is null ? null : ToBytes(stdinText);
        string[] args = [.. parts.Where(p => !p.StartsWith('@'))];
        CliRunner.Result expected = CliRunner.Run(CliHost.Dotnet, stdin, args);
        CliRunner.Result actual = CliRunner.Run(host, stdin, args);
        Assert.Equal(expected, actual);
    }

    private static byte[] ToBytes(string text) =>
        [.. text.Split('\xFF').SelectMany((piece, i) => (i == 0 ? [] : new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes(piece)))];
}
