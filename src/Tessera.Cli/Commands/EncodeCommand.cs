using System.CommandLine;
using System.Text;
using Tessera.Cli.Input;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary><c>tessera encode</c>: text to token ids.</summary>
internal static class EncodeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var format = new Option<string>("--format", "-f")
        {
            Description = "ids (space-separated), tokens (JSON strings), json (ids, tokens and offsets)",
            DefaultValueFactory = _ => "ids",
        };
        var command = new Command("encode", "Encode text to token ids");
        common.AddTo(command);
        command.Add(format);
        command.SetAction(result =>
        {
            string outputFormat = result.GetValue(format)!;
            if (outputFormat is not ("ids" or "tokens" or "json"))
                throw CliException.Usage($"--format must be ids, tokens or json, not '{outputFormat}'");
            if (SentencePieceRun.For(result.GetValue(common.Tokenizer)!, common.ThreadCount(result), outputFormat) is { } sentencePiece)
            {
                if (result.GetValue(common.PerLine)) sentencePiece.PerLine(common.Source(result), countOnly: false);
                else sentencePiece.Whole(common.Source(result), countOnly: false);
                return ExitCodes.Success;
            }
            if (common.PipelineRun(result, outputFormat) is { } pipeline)
            {
                if (result.GetValue(common.PerLine)) pipeline.PerLine(common.Source(result), countOnly: false);
                else pipeline.Whole(common.Source(result), countOnly: false);
                return ExitCodes.Success;
            }
            var tokenizer = TokenizerResolver.Resolve(result.GetValue(common.Tokenizer)!);
            var policy = TokenizerResolver.Policy(result.GetValue(common.Special)!);
            var run = new EncodeRun(tokenizer, policy, common.ThreadCount(result), outputFormat);
            InputSource source = common.Source(result);
            if (result.GetValue(common.PerLine)) run.PerLine(source);
            else run.Whole(source);
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record EncodeRun(TiktokenTokenizer Tokenizer, SpecialTokenPolicy Policy, int Threads, string Format)
    {
        public void PerLine(InputSource source)
        {
            using InputStream input = source.Open();
            using var progress = new ProgressBar(() => input.BytesRead, source.Length);
            if (Format == "ids")
            {
                using Stream stdout = Console.OpenStandardOutput();
                new PerLinePipeline(Tokenizer, Policy, Threads).Run(input, stdout, countOnly: false);
                return;
            }
            using var output = OutputWriter.StandardOutput();
            foreach (LineBatch lines in LineReader.Batches(input))
            {
                if (Format == "json")
                {
                    foreach (ReadOnlyMemory<byte> line in lines)
                    {
                        output.WriteJson(Tokenizer, Tokenizer.EncodeWithOffsets(Encoding.UTF8.GetString(line.Span), Policy));
                        output.WriteLine();
                    }
                    continue;
                }
                foreach (int[] ids in Tokenizer.EncodeBatchUtf8(lines, Policy, Threads))
                {
                    WriteIds(output, ids, continued: false);
                    output.WriteLine();
                }
            }
        }

        public void Whole(InputSource source)
        {
            using var output = OutputWriter.StandardOutput();
            if (Format == "json")
            {
                output.WriteJson(Tokenizer, Tokenizer.EncodeWithOffsets(source.ReadAllText(), Policy));
                output.WriteLine();
                return;
            }
            using InputStream input = source.Open();
            using var progress = new ProgressBar(() => input.BytesRead, source.Length);
            bool continued = false;
            Tokenizer.EncodeUtf8Stream(input, ids =>
            {
                WriteIds(output, ids, continued && ids.Length > 0);
                continued |= ids.Length > 0;
            }, Policy, Threads, CommonOptions.StreamBlockBytes);
            output.WriteLine();
        }

        private void WriteIds(OutputWriter output, ReadOnlySpan<int> ids, bool continued)
        {
            if (Format == "tokens") output.WriteTokens(Tokenizer, ids, continued);
            else output.WriteIds(ids, continued);
        }
    }
}
