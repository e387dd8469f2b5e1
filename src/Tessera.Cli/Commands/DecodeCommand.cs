using System.CommandLine;
using System.Text;
using Tessera.Cli.Input;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary><c>tessera decode</c>: token ids to text.</summary>
internal static class DecodeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("decode", "Decode token ids (separated by spaces, commas or new lines) to text");
        common.AddTo(command, special: false);
        command.SetAction(result =>
        {
            string name = result.GetValue(common.Tokenizer)!;
            Func<int[], string> decode;
            if (TokenizerResolver.ResolvePipeline(name) is { } pipeline)
            {
                decode = ids => pipeline.Decode(ids); // special tokens skipped, as Hugging Face's decode does by default
            }
            else
            {
                TiktokenTokenizer tiktoken = TokenizerResolver.Resolve(name);
                decode = ids => tiktoken.Decode(ids);
            }
            InputSource source = common.Source(result);
            using var output = OutputWriter.StandardOutput();
            string text = source.ReadAllText();
            if (result.GetValue(common.PerLine))
            {
                string[] lines = text.Split('\n');
                int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
                for (int i = 0; i < count; i++)
                {
                    output.Write(decode(IdParser.Parse(lines[i], source.Name, i + 1)));
                    output.WriteLine();
                }
            }
            else
            {
                output.Write(Encoding.UTF8.GetBytes(decode(IdParser.Parse(text, source.Name, 1))));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
