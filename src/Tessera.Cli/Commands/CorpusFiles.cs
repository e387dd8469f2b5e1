using System.IO.Enumeration;

namespace Tessera.Cli.Commands;

/// <summary>The training files named on the command line, with wildcards (<c>*</c>, <c>?</c> in the file name) expanded in ordinal order.</summary>
internal static class CorpusFiles
{
    public static string[] Expand(string[] given)
    {
        var files = new List<string>();
        foreach (string name in given)
        {
            string pattern = Path.GetFileName(name);
            if (pattern.IndexOfAny(['*', '?']) < 0 || File.Exists(name))
            {
                files.Add(name);
                continue;
            }
            string folder = Path.GetDirectoryName(name) is { Length: > 0 } d ? d : ".";
            if (folder.IndexOfAny(['*', '?']) >= 0)
                throw CliException.Usage($"{name}: wildcards are expanded in the file name only, not in folders");
            string[] matches = Directory.Exists(folder)
                ? [.. Directory.EnumerateFiles(folder).Where(f => FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(f))).Order(StringComparer.Ordinal)]
                : [];
            if (matches.Length == 0)
                throw CliException.Input($"no file matches {name}");
            files.AddRange(matches);
        }
        return [.. files];
    }
}
