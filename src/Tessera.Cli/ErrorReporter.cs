namespace Tessera.Cli;

/// <summary>
/// The one place where exceptions become a one-line message on stderr and an exit code (with the environment variable
/// TESSERA_TRACE set, the exception's stack trace follows it).
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate) // from the parallel per-line encode
            error = aggregate.InnerExceptions[0];
        (string message, int code) = error switch
        {
            CliException e => (e.Message, e.ExitCode),
            TokenizationException e => (e.Message, ExitCodes.Input),
            TokenizerFormatException e => (e.Message, ExitCodes.Input),
            SpecialTokenException e => ($"{e.Message} (use --special allow or --special ordinary)", ExitCodes.Input),
            FileNotFoundException e => ($"file not found: {e.FileName ?? e.Message}", ExitCodes.Input),
            DirectoryNotFoundException e => (e.Message, ExitCodes.Input),
            UnauthorizedAccessException e => (e.Message, ExitCodes.Input),
            IOException e => (e.Message, ExitCodes.Input),
            InvalidDataException e => (e.Message, ExitCodes.Input),
            ArgumentOutOfRangeException e when e.ParamName == "ids" => ($"unknown token id {e.ActualValue}", ExitCodes.Input),
            NotSupportedException e => (e.Message, ExitCodes.Usage),
            ArgumentException e => (e.Message, ExitCodes.Usage),
            _ => ($"internal error: {error.GetType().Name}: {error.Message}", ExitCodes.Input),
        };
        Console.Error.WriteLine($"tessera: {OneLine(message)}");
        if (Environment.GetEnvironmentVariable("TESSERA_TRACE") is not null)
            Console.Error.WriteLine(error); // for developers: where an unexpected error came from
        return code;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
