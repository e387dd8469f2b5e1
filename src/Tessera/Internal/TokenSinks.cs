using System.Buffers;
using System.Runtime.CompilerServices;

namespace Tessera.Internal;

/// <summary>Counts tokens.</summary>
internal ref struct CountSink : ITokenSink
{
    public int Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int id, int byteStart, int byteEnd) => Count++;

    public readonly bool IsFull => false;
}

/// <summary>Collects ids into a growable pooled array; <see cref="Dispose"/> returns it.</summary>
internal ref struct IdSink : ITokenSink
{
    private int[] _ids;
    private int _count;

    public IdSink(int capacity)
    {
        _ids = ArrayPool<int>.Shared.Rent(Math.Max(16, capacity));
        _count = 0;
    }

    public readonly ReadOnlySpan<int> Ids => _ids.AsSpan(0, _count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int id, int byteStart, int byteEnd)
    {
        if (_count == _ids.Length)
            Grow();
        _ids[_count++] = id;
    }

    public readonly bool IsFull => false;

    private void Grow()
    {
        int[] bigger = ArrayPool<int>.Shared.Rent(_ids.Length * 2);
        _ids.AsSpan(0, _count).CopyTo(bigger);
        ArrayPool<int>.Shared.Return(_ids);
        _ids = bigger;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_ids);
        _ids = [];
    }
}

/// <summary>Collects ids with the byte range of each.</summary>
internal ref struct SpanSink : ITokenSink
{
    public readonly List<(int Id, int ByteStart, int ByteEnd)> Tokens;

    public SpanSink(List<(int Id, int ByteStart, int ByteEnd)> tokens) => Tokens = tokens;

    public readonly void Add(int id, int byteStart, int byteEnd) => Tokens.Add((id, byteStart, byteEnd));

    public readonly bool IsFull => false;
}

/// <summary>
/// Takes the first <c>max</c> tokens and remembers the longest prefix of them that ends on a character boundary
/// (a token of a byte-level BPE may end inside a multi-byte character).
/// </summary>
internal ref struct BudgetSink : ITokenSink
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly int _max;
    public int Count;
    public int WholeCount;
    public int WholeByteEnd;

    public BudgetSink(ReadOnlySpan<byte> text, int max)
    {
        _text = text;
        _max = max;
    }

    public void Add(int id, int byteStart, int byteEnd)
    {
        if (Count >= _max)
            return;
        Count++;
        if (byteEnd >= _text.Length || (_text[byteEnd] & 0xC0) != 0x80)
        {
            WholeCount = Count;
            WholeByteEnd = byteEnd;
        }
    }

    public readonly bool IsFull => Count >= _max;
}

/// <summary>Writes ids into a caller's span; stops when it is full.</summary>
internal ref struct SpanWriterSink : ITokenSink
{
    private readonly Span<int> _destination;
    public int Written;
    public bool Overflowed;

    public SpanWriterSink(Span<int> destination) => _destination = destination;

    public void Add(int id, int byteStart, int byteEnd)
    {
        if (Written < _destination.Length)
            _destination[Written++] = id;
        else
            Overflowed = true;
    }

    public readonly bool IsFull => Overflowed;
}
