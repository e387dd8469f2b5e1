using System.CommandLine;
using Tessera.Cli;
using Tessera.Cli.Commands;

var root = new RootCommand("tessera: exact, fast tokenization (tiktoken encodings)")
{
    EncodeCommand.Create(),
    DecodeCommand.Create(),
    CountCommand.Create(),
};
ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"tessera: {parsed.Errors[0].Message} (see tessera --help)");
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
