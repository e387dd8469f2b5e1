using System.Diagnostics;
using System.Globalization;
using Tessera.Cli.Output;
using Tessera.Training;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>tessera count --pretokens KIND --input SHARD --output SHARD.counts</c>: the pre-tokens of one shard of a corpus and
/// their counts, as a count file (<see cref="PretokenCountFile"/>) that <c>tessera train --from-counts</c> adds up with
/// the others: the map step of training on many machines.
/// </summary>
internal static class CountPretokens
{
    public static void Run(string kind, string? input, string? output, int threads, CountingBudget budget)
    {
        if (!PretokenKinds.All.Contains(kind))
            throw CliException.Usage($"--pretokens {kind} is not a pre-tokenization training counts; expected one of {string.Join(", ", PretokenKinds.All)}");
        if (input is null)
            throw CliException.Usage("--pretokens needs --input FILE (or '-' for standard input)");
        if (output is null)
            throw CliException.Usage("--pretokens needs --output FILE (or '-' for standard output)");
        if (input != TrainingCorpus.StandardInput && !File.Exists(input))
            throw CliException.Input($"file not found: {input}");
        var clock = Stopwatch.StartNew();
        var skipped = new SkippedLines();
        long total = input == TrainingCorpus.StandardInput ? 0 : new FileInfo(input).Length;
        long read = 0;
        long distinct = 0;
        using (new ProgressBar(() => Volatile.Read(ref read), total > 0 ? total : null, "counting"))
            PretokenCounting.CountSorted([input], threads, PretokenKinds.Counter(kind, skipped), budget, (sorted, withLineEnds) =>
            {
                if (output == "-")
                {
                    using Stream stdout = Console.OpenStandardOutput();
                    distinct = PretokenCountFile.Write(stdout, kind, sorted, withLineEnds);
                }
                else
                {
                    distinct = PretokenCountFile.Save(output, kind, sorted, withLineEnds);
                }
            }, bytes => Volatile.Write(ref read, bytes));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"counted: {distinct} distinct {kind} pre-tokens in {Volatile.Read(ref read) / 1e6:F1} MB ({skipped.Count} lines left out{(budget.Spills > 0 ? $"; {budget.Spills} spills past --counting-memory, merged" : "")}) in {clock.Elapsed.TotalSeconds:F1} s; wrote {output}"));
    }
}
