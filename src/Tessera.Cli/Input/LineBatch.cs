using System.Collections;

namespace Tessera.Cli.Input;

/// <summary>
/// The lines of one block of text: where each ends (its <c>\n</c>, or the block's end), kept as offsets in an array
/// reused from batch to batch, so a batch allocates nothing (a list of memory slices, 16 bytes per line and grown
/// through fresh arrays, had cost 130 page faults on books).
/// </summary>
internal sealed class LineBatch : IReadOnlyList<ReadOnlyMemory<byte>>
{
    private ReadOnlyMemory<byte> _text;
    private int[] _ends = new int[1024];

    /// <summary>The number of lines.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes of all lines, line feeds not counted.</summary>
    public long Bytes { get; private set; }

    /// <summary>Whether the stream ends with these lines.</summary>
    public bool IsLast { get; private set; }

    /// <summary>The bytes of line <paramref name="index"/>, without its <c>\n</c>.</summary>
    public ReadOnlyMemory<byte> this[int index] => _text[StartOf(index).._ends[index]];

    /// <summary>The length of line <paramref name="index"/> in bytes.</summary>
    public int LengthOf(int index) => _ends[index] - StartOf(index);

    private int StartOf(int index) => index == 0 ? 0 : _ends[index - 1] + 1;

    /// <summary>Cuts <paramref name="text"/> into its lines (a last line without <c>\n</c> is one too).</summary>
    public void Fill(ReadOnlyMemory<byte> text, bool isLast)
    {
        _text = text;
        IsLast = isLast;
        Count = 0;
        Bytes = 0;
        ReadOnlySpan<byte> span = text.Span;
        int start = 0;
        while (start < span.Length)
        {
            int nl = span[start..].IndexOf((byte)'\n');
            int end = nl < 0 ? span.Length : start + nl;
            if (Count == _ends.Length)
                Array.Resize(ref _ends, _ends.Length * 2);
            _ends[Count++] = end;
            Bytes += end - start;
            start = end + 1;
        }
    }

    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
