using System.Buffers.Text;
using System.Text;

namespace Tessera.Formats.Json;

/// <summary>
/// A value of a <see cref="JsonTree"/>, read as <c>System.Text.Json.JsonElement</c> reads it: the same members, with
/// the same answers (a name given twice in an object: the last one counts; numbers parsed as that reader parses them).
/// </summary>
internal readonly struct JsonNode
{
    private readonly JsonTree _tree;
    private readonly int _row;

    internal JsonNode(JsonTree tree, int row)
    {
        _tree = tree;
        _row = row;
    }

    private ref JsonTree.Row Row => ref _tree.Rows[_row];

    public JsonKind ValueKind => _tree is null ? JsonKind.Undefined : Row.Kind;

    /// <summary>The value's bytes as written (a string with its quotes).</summary>
    public ReadOnlySpan<byte> RawUtf8 => _tree.Text.AsSpan(Row.Start, Row.Length);

    public string GetRawText() => Encoding.UTF8.GetString(RawUtf8);

    /// <exception cref="InvalidOperationException">Not a string, or a string that is not text (see <see cref="JsonStrings.Text"/>).</exception>
    public string GetString()
    {
        Expect(JsonKind.String);
        return JsonStrings.Text(RawUtf8[1..^1], Row.Escaped);
    }

    public bool GetBoolean() => ValueKind switch
    {
        JsonKind.True => true,
        JsonKind.False => false,
        _ => throw new InvalidOperationException($"expected a boolean, found {ValueKind}"),
    };

    /// <summary>The number as an <see cref="int"/>, when it is one written without a fraction or exponent.</summary>
    public bool TryGetInt32(out int value)
    {
        Expect(JsonKind.Number);
        ReadOnlySpan<byte> raw = RawUtf8;
        if (Utf8Parser.TryParse(raw, out value, out int consumed) && consumed == raw.Length)
            return true;
        value = 0;
        return false;
    }

    /// <summary>The number as a <see cref="double"/> (out of range: an infinity, as <c>System.Text.Json</c> gives).</summary>
    public double GetDouble()
    {
        Expect(JsonKind.Number);
        ReadOnlySpan<byte> raw = RawUtf8;
        char format = raw.IndexOfAny((byte)'e', (byte)'E') >= 0 ? 'e' : default;
        return Utf8Parser.TryParse(raw, out double value, out int consumed, format) && consumed == raw.Length
            ? value : throw new FormatException($"'{GetRawText()}' is not a number");
    }

    public int GetArrayLength()
    {
        Expect(JsonKind.Array);
        return Row.Items;
    }

    /// <summary>How many members an object has (a name given twice counts twice).</summary>
    public int GetPropertyCount()
    {
        Expect(JsonKind.Object);
        return Row.Items;
    }

    /// <summary>Element <paramref name="index"/> of an array.</summary>
    public JsonNode this[int index]
    {
        get
        {
            Expect(JsonKind.Array);
            if ((uint)index >= (uint)Row.Items)
                throw new IndexOutOfRangeException();
            int row = _row + 1;
            for (int i = 0; i < index; i++)
                row = _tree.Rows[row].End;
            return new JsonNode(_tree, row);
        }
    }

    /// <summary>The value of member <paramref name="name"/> of an object (the last, when the name is given twice).</summary>
    public bool TryGetProperty(string name, out JsonNode value)
    {
        Expect(JsonKind.Object);
        Span<byte> wanted = name.Length <= 64 ? stackalloc byte[3 * 64] : new byte[3 * name.Length];
        wanted = wanted[..Encoding.UTF8.GetBytes(name, wanted)];
        int found = -1;
        JsonTree.Row[] rows = _tree.Rows;
        for (int row = _row + 1; row < Row.End; row = rows[row + 1].End)
        {
            if (NameEquals(row, wanted))
                found = row + 1;
        }
        value = found < 0 ? default : new JsonNode(_tree, found);
        return found >= 0;
    }

    public JsonNode GetProperty(string name) =>
        TryGetProperty(name, out JsonNode value) ? value : throw new KeyNotFoundException($"no member '{name}'");

    private bool NameEquals(int row, ReadOnlySpan<byte> wanted)
    {
        ref JsonTree.Row r = ref _tree.Rows[row];
        ReadOnlySpan<byte> raw = _tree.Text.AsSpan(r.Start + 1, r.Length - 2);
        if (!r.Escaped)
            return raw.SequenceEqual(wanted);
        Span<byte> buffer = raw.Length <= 256 ? stackalloc byte[256] : new byte[raw.Length];
        int written = JsonStrings.Unescape(raw, buffer);
        return written >= 0 && buffer[..written].SequenceEqual(wanted);
    }

    public ArrayEnumerator EnumerateArray()
    {
        Expect(JsonKind.Array);
        return new ArrayEnumerator(_tree, _row + 1, Row.End);
    }

    public ObjectEnumerator EnumerateObject()
    {
        Expect(JsonKind.Object);
        return new ObjectEnumerator(_tree, _row + 1, Row.End);
    }

    private void Expect(JsonKind kind)
    {
        if (ValueKind != kind)
            throw new InvalidOperationException($"expected {kind}, found {ValueKind}");
    }

    /// <summary>The elements of an array (a struct, not an interface: no generic code to compile at first use).</summary>
    public struct ArrayEnumerator(JsonTree tree, int next, int end)
    {
        private int _next = next;

        public JsonNode Current { get; private set; }

        public readonly ArrayEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next >= end)
                return false;
            Current = new JsonNode(tree, _next);
            _next = tree.Rows[_next].End;
            return true;
        }
    }

    /// <summary>The members of an object, in the order they are written.</summary>
    public struct ObjectEnumerator(JsonTree tree, int next, int end)
    {
        private int _next = next;

        public JsonMember Current { get; private set; }

        public readonly ObjectEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next >= end)
                return false;
            Current = new JsonMember(tree, _next);
            _next = tree.Rows[_next + 1].End;
            return true;
        }
    }
}

/// <summary>A member of a JSON object: its name and value.</summary>
internal readonly struct JsonMember(JsonTree tree, int nameRow)
{
    /// <exception cref="InvalidOperationException">The name is not text (see <see cref="JsonStrings.Text"/>).</exception>
    public string Name
    {
        get
        {
            ref JsonTree.Row row = ref tree.Rows[nameRow];
            return JsonStrings.Text(tree.Text.AsSpan(row.Start + 1, row.Length - 2), row.Escaped);
        }
    }

    public JsonNode Value => new(tree, nameRow + 1);
}
