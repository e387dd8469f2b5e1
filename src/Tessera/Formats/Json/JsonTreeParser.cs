namespace Tessera.Formats.Json;

/// <summary>
/// Reads one JSON value into a <see cref="JsonTree"/>, accepting exactly what <c>System.Text.Json</c>'s reader accepts
/// with its default options and a maximum depth of 256: RFC 8259 (no comments, no trailing commas, no byte order
/// mark), with a string's bytes not checked as UTF-8 (that reader checks them only when a string is read as text, and
/// so does <see cref="JsonNode.GetString"/>). <c>JsonTreeParserTests</c> holds the two readers to the same answers.
/// </summary>
internal ref struct JsonTreeParser
{
    private const int MaxDepth = 256;

    private readonly ReadOnlySpan<byte> _json;
    private int _at;
    private JsonTree.Row[] _rows;
    private int _count;

    private JsonTreeParser(ReadOnlySpan<byte> json)
    {
        _json = json;
        _rows = new JsonTree.Row[Math.Max(4, json.Length / 8)]; // a Unigram or WordPiece vocabulary has a row per 6-8 bytes
    }

    public static JsonTree? TryParse(ReadOnlySpan<byte> utf8)
    {
        var parser = new JsonTreeParser(utf8);
        if (!parser.TryValue(0))
            return null;
        parser.SkipSpace();
        if (parser._at != utf8.Length)
            return null;
        var rows = new JsonTree.Row[parser._count];
        Array.Copy(parser._rows, rows, parser._count); // not Array.Resize: generic code compiled at first use
        return new JsonTree(utf8.ToArray(), rows);
    }

    private void SkipSpace()
    {
        ReadOnlySpan<byte> json = _json;
        int at = _at;
        while ((uint)at < (uint)json.Length && json[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            at++;
        _at = at;
    }

    /// <summary>A new row at the end; its index.</summary>
    private int AddRow(JsonKind kind, int start)
    {
        if (_count == _rows.Length)
        {
            var grown = new JsonTree.Row[2 * _rows.Length];
            Array.Copy(_rows, grown, _count);
            _rows = grown;
        }
        ref JsonTree.Row row = ref _rows[_count];
        row.Kind = kind;
        row.Start = start;
        return _count++;
    }

    /// <summary>Reads the value after any white space; <paramref name="depth"/> containers are open around it.</summary>
    private bool TryValue(int depth)
    {
        SkipSpace();
        if (_at >= _json.Length)
            return false;
        switch (_json[_at])
        {
            case (byte)'{':
                return depth < MaxDepth && TryContainer(JsonKind.Object, (byte)'}', depth + 1);
            case (byte)'[':
                return depth < MaxDepth && TryContainer(JsonKind.Array, (byte)']', depth + 1);
            case (byte)'"':
                return TryString(JsonKind.String);
            case (byte)'t':
                return TryLiteral("true"u8, JsonKind.True);
            case (byte)'f':
                return TryLiteral("false"u8, JsonKind.False);
            case (byte)'n':
                return TryLiteral("null"u8, JsonKind.Null);
            default:
                return TryNumber();
        }
    }

    /// <summary>Reads an object or an array (its opening bracket is the current byte): its items, each an object's after its name.</summary>
    private bool TryContainer(JsonKind kind, byte closer, int depth)
    {
        int row = AddRow(kind, _at);
        _at++;
        int items = 0;
        SkipSpace();
        if (_at < _json.Length && _json[_at] == closer)
            return Close(row, items);
        while (true)
        {
            if (kind == JsonKind.Object && !TryName())
                return false;
            if (!TryValue(depth))
                return false;
            items++;
            if (!TryNext(closer, out bool closed))
                return false;
            if (closed)
                return Close(row, items);
        }
    }

    /// <summary>Reads a member's name and the colon after it, after any white space.</summary>
    private bool TryName()
    {
        SkipSpace();
        if (_at >= _json.Length || _json[_at] != '"' || !TryString(JsonKind.Name))
            return false;
        SkipSpace();
        if (_at >= _json.Length || _json[_at] != ':')
            return false;
        _at++;
        return true;
    }

    /// <summary>Reads what follows an item of a container: a comma (another item comes), or the container's <paramref name="closer"/>.</summary>
    private bool TryNext(byte closer, out bool closed)
    {
        SkipSpace();
        closed = _at < _json.Length && _json[_at] == closer;
        if (closed)
            return true;
        if (_at >= _json.Length || _json[_at] != ',')
            return false;
        _at++;
        return true;
    }

    /// <summary>Ends the container at <paramref name="row"/> at its closing bracket, which is the current byte.</summary>
    private bool Close(int row, int items)
    {
        _at++;
        ref JsonTree.Row r = ref _rows[row];
        r.Length = _at - r.Start;
        r.Items = items;
        r.End = _count;
        return true;
    }

    /// <summary>Reads a string (its opening quote is the current byte): no raw control character, every escape one JSON has.</summary>
    private bool TryString(JsonKind kind)
    {
        ReadOnlySpan<byte> json = _json;
        int start = _at;
        int at = start + 1;
        bool escaped = false;
        while (true)
        {
            at = JsonStrings.NextStop(json, at);
            if (at >= json.Length || json[at] < ' ')
                return false;
            if (json[at] == '"')
                break;
            escaped = true;
            if (at + 1 >= json.Length)
                return false;
            switch (json[at + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    at += 2;
                    break;
                case (byte)'u':
                    if (at + 6 > json.Length || !IsHex(json[at + 2]) || !IsHex(json[at + 3]) || !IsHex(json[at + 4]) || !IsHex(json[at + 5]))
                        return false;
                    at += 6;
                    break;
                default:
                    return false;
            }
        }
        int row = AddRow(kind, start);
        _at = at + 1;
        ref JsonTree.Row r = ref _rows[row];
        r.Length = _at - start;
        r.End = row + 1;
        r.Escaped = escaped;
        return true;
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

    private bool TryLiteral(ReadOnlySpan<byte> literal, JsonKind kind)
    {
        if (!_json[_at..].StartsWith(literal))
            return false;
        Scalar(kind, _at, literal.Length);
        return true;
    }

    /// <summary>Reads <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private bool TryNumber()
    {
        ReadOnlySpan<byte> json = _json;
        int start = _at, at = start;
        if (at < json.Length && json[at] == '-')
            at++;
        if (at >= json.Length || !IsDigit(json[at]))
            return false;
        if (json[at] == '0')
            at++;
        else
            at = Digits(json, at);
        if (at < json.Length && json[at] == '.')
        {
            if (at + 1 >= json.Length || !IsDigit(json[at + 1]))
                return false;
            at = Digits(json, at + 1);
        }
        if (at < json.Length && json[at] is (byte)'e' or (byte)'E')
        {
            at++;
            if (at < json.Length && json[at] is (byte)'+' or (byte)'-')
                at++;
            if (at >= json.Length || !IsDigit(json[at]))
                return false;
            at = Digits(json, at);
        }
        Scalar(JsonKind.Number, start, at - start);
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int Digits(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && IsDigit(json[at]))
            at++;
        return at;
    }

    private void Scalar(JsonKind kind, int start, int length)
    {
        int row = AddRow(kind, start);
        ref JsonTree.Row r = ref _rows[row];
        r.Length = length;
        r.End = row + 1;
        _at = start + length;
    }
}
