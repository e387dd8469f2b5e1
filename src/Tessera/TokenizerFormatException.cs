namespace Tessera;

/// <summary>
/// A tokenizer file is malformed. The message names the file, the 1-based line and the offending text.
/// </summary>
/// <remarks>Derives from <see cref="FormatException"/> because <see cref="InvalidDataException"/> is sealed.</remarks>
public sealed class TokenizerFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file, or a description of the source such as <c>"(stream)"</c>.</param>
    /// <param name="lineNumber">The 1-based line, or 0 when the problem concerns the whole file.</param>
    /// <param name="snippet">A short quote of the offending text.</param>
    /// <param name="problem">What was expected.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public TokenizerFormatException(string filePath, int lineNumber, string snippet, string problem, Exception? inner = null)
        : base(Format(filePath, lineNumber, snippet, problem), inner)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Snippet = snippet;
        Problem = problem;
    }

    /// <summary>The file (or source description).</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number, 0 for the whole file.</summary>
    public int LineNumber { get; }

    /// <summary>A short quote of the offending text.</summary>
    public string Snippet { get; }

    /// <summary>What was wrong or expected.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, string snippet, string problem)
    {
        string where = line > 0 ? $"{file}:{line}" : file;
        return snippet.Length > 0 ? $"{where}: {problem}: '{snippet}'" : $"{where}: {problem}";
    }

    /// <summary>At most 60 characters of <paramref name="text"/>, for messages.</summary>
    internal static string Quote(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
