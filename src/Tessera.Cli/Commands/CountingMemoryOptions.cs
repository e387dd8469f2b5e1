using System.CommandLine;
using System.Globalization;
using Tessera.Training;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>--counting-memory SIZE</c> and <c>--spill-dir DIR</c>: the memory pre-token counting may hold (bytes, or with a
/// suffix K, M, G: 512M, 1.5G; default a quarter of the machine's, for unigram a 32nd) and where its tables spill when
/// they reach it.
/// </summary>
internal sealed class CountingMemoryOptions
{
    public Option<string?> Size { get; } = new("--counting-memory") { Description = "The memory the pre-token counts may hold (e.g. 512M, 4G; default: a quarter of the machine's; unigram, whose trainer holds ~1.3 KB a word: a 32nd); past it the counts spill to disk and, if their sum still does not fit, the pre-tokens seen least are left out (the summary says how many)" };

    public Option<string?> SpillDirectory { get; } = new("--spill-dir") { Description = "Where counts spill past --counting-memory (default: the temporary folder)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Size);
        command.Options.Add(SpillDirectory);
    }

    /// <summary>The budget given, or the default: one <paramref name="share"/>-th of the machine's memory.</summary>
    public CountingBudget Budget(ParseResult result, int share = 4)
    {
        string? directory = result.GetValue(SpillDirectory);
        if (directory is not null && !Directory.Exists(directory))
            throw CliException.Input($"--spill-dir {directory}: no such folder");
        return result.GetValue(Size) is { } size ? new CountingBudget(ParseBytes(size), directory) : CountingBudget.Default(directory, share);
    }

    /// <summary>Bytes written plainly or with a suffix K, M, G or T (powers of 1024, optionally followed by B).</summary>
    public static long ParseBytes(string size)
    {
        string text = size.Trim().ToUpperInvariant();
        if (text.EndsWith('B'))
            text = text[..^1];
        long unit = text.Length > 0 ? text[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1 } : 1;
        if (unit > 1)
            text = text[..^1];
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number) || number * unit < 1 || number * unit > long.MaxValue)
            throw CliException.Usage($"--counting-memory {size}: expected a size such as 512M or 4G");
        return (long)(number * unit);
    }
}
