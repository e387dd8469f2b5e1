using System.Globalization;

namespace Tessera.Cli.Input;

/// <summary>Parses token ids separated by white space, commas or brackets (so a JSON array works too).</summary>
internal static class IdParser
{
    private static readonly char[] s_separators = [' ', '\t', '\r', '\n', ',', '[', ']'];

    public static int[] Parse(string text, string source, int firstLine)
    {
        var ids = new List<int>();
        int line = firstLine;
        foreach (string rawLine in text.Split('\n'))
        {
            foreach (string item in rawLine.Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                    throw CliException.Input($"{source}:{line}: expected a token id (a whole number), found '{(item.Length > 40 ? item[..40] + "..." : item)}'");
                ids.Add(id);
            }
            line++;
        }
        return [.. ids];
    }
}
