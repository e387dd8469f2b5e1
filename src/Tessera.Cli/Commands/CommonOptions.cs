using System.CommandLine;
using Tessera.Cli.Input;

namespace Tessera.Cli.Commands;

/// <summary>The options the commands share.</summary>
internal sealed class CommonOptions
{
    /// <summary>
    /// Bytes per block when a whole file streams through the library: 640 KB rather than its 4 MB default, since the
    /// block buffers are fresh memory, and the three turns of 640 KB share one 2 MB huge page (see <see cref="Tessera.Internal.TurnBuffers"/>).
    /// </summary>
    public const int StreamBlockBytes = 640 << 10;

    public Argument<string?> Text { get; } = new("text") { Arity = ArgumentArity.ZeroOrOne, Description = "The input text (otherwise --input, or standard input)" };

    public Option<string?> Input { get; } = new("--input", "-i") { Description = "Read the input from FILE ('-' for standard input)" };

    public Option<string> Tokenizer { get; } = new("--tokenizer", "-t")
    {
        Description = "An encoding name (o200k_base, cl100k_base, p50k_base, r50k_base), a .tiktoken file, a tokenizer.json, a SentencePiece .model, or a folder with a tokenizer.json, vocab.json + merges.txt, or BERT's vocab.txt",
        DefaultValueFactory = _ => "o200k_base",
    };

    public Option<bool> PerLine { get; } = new("--per-line") { Description = "Treat each input line as a document; one output line per input line" };

    public Option<string> Special { get; } = new("--special")
    {
        Description = "Special-token text: error (as tiktoken), allow (emit special ids), ordinary (encode as plain text)",
        DefaultValueFactory = _ => "error",
    };

    public Option<bool> AddSpecialTokens { get; } = new("--add-special-tokens")
    {
        Description = "Let a tokenizer.json's post-processor add its tokens (BOS, EOS, CLS/SEP); tiktoken encodings add none",
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Threads that encode (reading ahead and writing run beside them)",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public void AddTo(Command command, bool special = true)
    {
        command.Add(Text);
        command.Add(Input);
        command.Add(Tokenizer);
        command.Add(PerLine);
        if (special)
        {
            command.Add(Special);
            command.Add(AddSpecialTokens);
        }
        command.Add(Threads);
    }

    public InputSource Source(ParseResult result)
    {
        string? text = result.GetValue(Text);
        if (text is { Length: > 1 } && text[0] == '-' && !result.Tokens.Any(t => t.Value == "--"))
            throw CliException.Usage($"unknown option '{text}' (to encode text that starts with '-', put -- before it)");
        return new InputSource(text, result.GetValue(Input));
    }

    /// <summary>The pipeline run for a tokenizer.json or .model tokenizer, or null for a tiktoken encoding.</summary>
    public Commands.PipelineRun? PipelineRun(ParseResult result, string format)
    {
        if (TokenizerResolver.ResolvePipeline(result.GetValue(Tokenizer)!) is not { } tokenizer)
            return null;
        string special = result.GetValue(Special)!;
        TokenizerResolver.Policy(special); // validates the value
        return new Commands.PipelineRun(tokenizer, special, result.GetValue(AddSpecialTokens), ThreadCount(result), format);
    }

    public int ThreadCount(ParseResult result)
    {
        int threads = result.GetValue(Threads);
        return threads >= 1 ? threads : throw CliException.Usage($"--threads must be at least 1, not {threads}");
    }
}
