using System.CommandLine;
using Tessera.Cli;
using Tessera.Cli.Commands;

var root = new RootCommand("tessera: exact, fast tokenization (tiktoken encodings, Hugging Face tokenizer.json)")
{
    EncodeCommand.Create(),
    DecodeCommand.Create(),
    CountCommand.Create(),
    InspectCommand.Create(),
    TrainCommand.Create(),
};
ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    string message = UnknownOption(parsed, args) is string option ? $"unknown option '{option}'" : parsed.Errors[0].Message;
    Console.Error.WriteLine($"tessera: {message} (see tessera --help)");
    return ExitCodes.Usage;
}
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception error)
{
    return ErrorReporter.Report(error);
}

// An argument before "--" that looks like an option but is none of the command's (System.CommandLine may take it for
// the text argument and then complain about what follows instead).
static string? UnknownOption(ParseResult parsed, string[] args)
{
    var known = new HashSet<string>(StringComparer.Ordinal) { "-h", "--help", "-?", "/?", "/h", "--version" };
    foreach (Option option in parsed.CommandResult.Command.Options)
    {
        known.Add(option.Name);
        known.UnionWith(option.Aliases);
    }
    foreach (string arg in args)
    {
        if (arg == "--")
            break;
        if (arg.Length > 1 && arg[0] == '-' && !char.IsAsciiDigit(arg[1]) && !known.Contains(arg.Split('=', 2)[0]))
            return arg;
    }
    return null;
}
