namespace Tessera.Cli;

/// <summary>An error to report as one line: <see cref="ExitCodes.Usage"/> for wrong arguments, <see cref="ExitCodes.Input"/> for bad input.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);

    public static CliException Input(string message) => new(message, ExitCodes.Input);
}

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Input = 1;
    public const int Usage = 2;
}
