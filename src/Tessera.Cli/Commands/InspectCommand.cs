using System.CommandLine;
using System.Globalization;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary><c>tessera inspect PATH</c>: the model type, vocabulary size, pipeline and special tokens of a tokenizer.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("tokenizer") { Description = "A tokenizer.json, a SentencePiece .model, a folder holding one, a .tiktoken file or an encoding name" };
        var command = new Command("inspect", "Show a tokenizer's model type, vocabulary size, pipeline and special tokens") { target };
        command.SetAction(result =>
        {
            string path = result.GetValue(target)!;
            using var output = OutputWriter.StandardOutput();
            if (TokenizerResolver.ResolvePipeline(path) is { } tokenizer)
                Describe(output, tokenizer);
            else
                Describe(output, TokenizerResolver.Resolve(path));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Describe(OutputWriter output, Tokenizer tokenizer)
    {
        Line(output, "model", tokenizer.ModelType);
        Line(output, "vocabulary", tokenizer.VocabularySize.ToString(CultureInfo.InvariantCulture) + " tokens (added tokens included)");
        foreach ((string stage, string? description) in tokenizer.DescribePipeline())
            if (stage != "model")
                Line(output, stage.Replace('_', '-'), description ?? "none");
        Line(output, "fast path", tokenizer.IsLowered ? "yes (lowered to the flat byte-level encoder)" : "no (general pipeline)");
        var special = tokenizer.AddedTokens.Where(t => t.Token.Special).ToList();
        var added = tokenizer.AddedTokens.Where(t => !t.Token.Special).ToList();
        Line(output, "special tokens", Tokens(special));
        Line(output, "added tokens", Tokens(added));
    }

    private static void Describe(OutputWriter output, TiktokenTokenizer tokenizer)
    {
        Line(output, "model", $"BPE (tiktoken encoding {tokenizer.Name})");
        Line(output, "vocabulary", tokenizer.VocabularySize.ToString(CultureInfo.InvariantCulture) + " tokens (special tokens included)");
        Line(output, "pattern", tokenizer.Pattern);
        Line(output, "special tokens", string.Join(", ", tokenizer.SpecialTokens.OrderBy(p => p.Value).Select(p => $"{p.Key}={p.Value}")));
    }

    private static string Tokens(List<(AddedToken Token, int Id)> tokens)
    {
        if (tokens.Count == 0)
            return "none";
        const int Shown = 12;
        string list = string.Join(", ", tokens.Take(Shown).Select(t => $"{t.Token.Content}={t.Id}"));
        return tokens.Count > Shown ? $"{tokens.Count}: {list}, ..." : list;
    }

    private static void Line(OutputWriter output, string name, string value)
    {
        output.Write($"{name + ":",-16}{value}");
        output.WriteLine();
    }
}
