using System.CommandLine;
using Tessera.Cli.Input;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary><c>tessera count</c>: how many tokens.</summary>
internal static class CountCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var pretokens = new Option<string?>("--pretokens") { Description = $"Count the pre-tokens training counts instead of tokens, into a count file for tessera train --from-counts: {string.Join(", ", PretokenKinds.All)}" };
        var countFile = new Option<string?>("--output", "-o") { Description = "With --pretokens: the count file to write ('-' for standard output)" };
        var command = new Command("count", "Count the tokens of text (per line with --per-line), or with --pretokens the pre-tokens of a corpus shard");
        var countingMemory = new CountingMemoryOptions();
        common.AddTo(command);
        countingMemory.AddTo(command);
        command.Options.Add(pretokens);
        command.Options.Add(countFile);
        command.SetAction(result =>
        {
            if (result.GetValue(pretokens) is { } kind)
            {
                CountPretokens.Run(kind, result.GetValue(common.Input), result.GetValue(countFile), common.ThreadCount(result), countingMemory.Budget(result));
                return ExitCodes.Success;
            }
            if (SentencePieceRun.For(result.GetValue(common.Tokenizer)!, common.ThreadCount(result), "ids") is { } sentencePiece)
            {
                if (result.GetValue(common.PerLine)) sentencePiece.PerLine(common.Source(result), countOnly: true);
                else sentencePiece.Whole(common.Source(result), countOnly: true);
                return ExitCodes.Success;
            }
            if (common.PipelineRun(result, "ids") is { } pipeline)
            {
                if (result.GetValue(common.PerLine)) pipeline.PerLine(common.Source(result), countOnly: true);
                else pipeline.Whole(common.Source(result), countOnly: true);
                return ExitCodes.Success;
            }
            var tokenizer = TokenizerResolver.Resolve(result.GetValue(common.Tokenizer)!);
            var policy = TokenizerResolver.Policy(result.GetValue(common.Special)!);
            int threads = common.ThreadCount(result);
            InputSource source = common.Source(result);
            using InputStream input = source.Open();
            using var progress = new ProgressBar(() => input.BytesRead, source.Length);
            if (result.GetValue(common.PerLine))
            {
                using Stream stdout = Console.OpenStandardOutput();
                new PerLinePipeline(tokenizer, policy, threads).Run(input, stdout, countOnly: true);
                return ExitCodes.Success;
            }
            using var output = OutputWriter.StandardOutput();
            long total = tokenizer.CountTokensUtf8(input, policy, threads, CommonOptions.StreamBlockBytes);
            output.Write(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine();
            return ExitCodes.Success;
        });
        return command;
    }
}
