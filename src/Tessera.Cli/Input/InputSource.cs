using System.Text;

namespace Tessera.Cli.Input;

/// <summary>Where the text comes from: the positional argument, <c>--input FILE</c> (<c>-</c>: standard input), or standard input.</summary>
internal sealed class InputSource
{
    private readonly string? _text;
    private readonly string? _path;

    public InputSource(string? text, string? path)
    {
        if (text is not null && path is not null)
            throw CliException.Usage("give the text as an argument or with --input, not both");
        _text = text;
        _path = path;
    }

    /// <summary>A name for messages.</summary>
    public string Name => _text is not null ? "argument" : _path is null or "-" ? "standard input" : _path;

    /// <summary>The input's size in bytes when known (for the progress bar).</summary>
    public long? Length => _path is not null and not "-" ? new FileInfo(_path).Length : null;

    /// <summary>Opens the input as checked UTF-8.</summary>
    public InputStream Open()
    {
        Stream raw = _text is not null ? new MemoryStream(Encoding.UTF8.GetBytes(_text))
            : _path is null or "-" ? Console.OpenStandardInput()
            : new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new InputStream(raw, Name);
    }

    /// <summary>Reads the whole input as text.</summary>
    public string ReadAllText()
    {
        using var stream = Open();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }
}
