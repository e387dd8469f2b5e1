using System.Globalization;
using System.Text;

namespace Tessera.Training;

/// <summary>
/// Reads a pre-token count file (<see cref="PretokenCountFile"/>) a line at a time, checking it as it goes: the header,
/// each line's fields, and that the pre-tokens are in code point order, each once (what lets several files be merged
/// as they are read).
/// </summary>
internal sealed class PretokenCountReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly string _path;
    private int _line = 1;

    /// <exception cref="TokenizerFormatException">The file is not a count file (the file and line are named).</exception>
    public PretokenCountReader(string path)
    {
        _path = path;
        _reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), false, 1 << 16);
        string? header = _reader.ReadLine();
        if (header is null || !header.StartsWith(PretokenCountFile.Magic, StringComparison.Ordinal))
        {
            _reader.Dispose();
            throw new TokenizerFormatException(path, 1, Snippet(header ?? ""), $"expected a pre-token count file (a first line '{PretokenCountFile.Magic}KIND', as `tessera count --pretokens` writes)");
        }
        Kind = header[PretokenCountFile.Magic.Length..];
    }

    /// <summary>The pre-tokenization that made the counts (the header's KIND).</summary>
    public string Kind { get; }

    /// <summary>The file read.</summary>
    public string Path => _path;

    /// <summary>The line read last.</summary>
    public PretokenCount Current { get; private set; }

    /// <summary>Reads the next line; false at the end of the file.</summary>
    /// <exception cref="TokenizerFormatException">A line is malformed or out of order (the file and line are named).</exception>
    public bool MoveNext()
    {
        string? line = _reader.ReadLine();
        if (line is null)
            return false;
        _line++;
        int tab = line.IndexOf('\t');
        ReadOnlySpan<char> numbers = tab < 0 ? default : line.AsSpan(tab + 1);
        int second = numbers.IndexOf('\t');
        long lineEnds = 0;
        if (tab < 0 || !long.TryParse(second < 0 ? numbers : numbers[..second], NumberStyles.None, CultureInfo.InvariantCulture, out long count)
            || (second >= 0 && !long.TryParse(numbers[(second + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out lineEnds)))
            throw Error(line, "expected a pre-token, a tab and its count (and a tab and its line-end count)");
        string pretoken = Unescape(line[..tab]);
        if (_line > 2 && CodePointOrder.Compare(Current.Pretoken, pretoken) >= 0)
            throw Error(line, $"expected each pre-token once, in code point order (as `tessera count --pretokens` writes them): it follows '{Snippet(Current.Pretoken)}'");
        Current = new PretokenCount(pretoken, count, lineEnds);
        return true;
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>The characters a count file escapes.</summary>
    public static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create("\t\n\r\\");

    /// <summary>Appends <paramref name="pretoken"/> as a count file spells it (tab, line feed, carriage return and backslash escaped).</summary>
    public static void Escape(string pretoken, StringBuilder line)
    {
        foreach (char c in pretoken)
        {
            _ = c switch
            {
                '\t' => line.Append("\\t"),
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                '\\' => line.Append("\\\\"),
                _ => line.Append(c),
            };
        }
    }

    private string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\')
            {
                text.Append(field[i]);
                continue;
            }
            text.Append(++i < field.Length ? field[i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                '\\' => '\\',
                _ => throw Error(field, "expected \\t, \\n, \\r or \\\\ after a backslash"),
            } : throw Error(field, "expected \\t, \\n, \\r or \\\\ after a backslash"));
        }
        return text.ToString();
    }

    private TokenizerFormatException Error(string text, string expected) => new(_path, _line, Snippet(text), expected);

    private static string Snippet(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
