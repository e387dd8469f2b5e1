using System.Runtime.CompilerServices;

namespace Tessera.Internal;

/// <summary>
/// An append-only list of unmanaged values in one <see cref="NativeBlock"/> reserved for a known upper bound: the
/// reservation is address space only, and pages (huge pages from 2 MB on) are touched as values are written, so a
/// generous bound costs nothing and the list never grows by copying. For tables read from a file, whose entry count is
/// bounded by the file's length.
/// </summary>
internal sealed unsafe class NativeList<T> where T : unmanaged
{
    private readonly NativeBlock _block;
    private readonly T* _items;

    /// <param name="capacity">The most values the list will hold.</param>
    public NativeList(long capacity)
    {
        Capacity = Math.Max(1, capacity);
        _block = new NativeBlock(checked((nuint)Capacity * (nuint)sizeof(T)), zeroed: false);
        _items = (T*)_block.Pointer;
    }

    public long Capacity { get; }

    public int Count { get; private set; }

    /// <summary>The memory the values are in (kept alive by the list).</summary>
    public T* Pointer => _items;

    /// <summary>The block the values are in, for an owner that keeps it alive once the list is dropped.</summary>
    public NativeBlock Block => _block;

    public Span<T> Items => new(_items, Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count >= Capacity)
            throw new InvalidOperationException($"more than the {Capacity} values reserved");
        _items[Count++] = value;
    }

    /// <summary>Appends <paramref name="count"/> values left as they are, for the caller to write at the pointer returned.</summary>
    public T* AddUninitialized(int count)
    {
        if (Count + (long)count > Capacity)
            throw new InvalidOperationException($"more than the {Capacity} values reserved");
        T* start = _items + Count;
        Count += count;
        return start;
    }

    /// <summary>Appends <paramref name="values"/> and returns where they start.</summary>
    public int AddRange(ReadOnlySpan<T> values)
    {
        if (Count + (long)values.Length > Capacity)
            throw new InvalidOperationException($"more than the {Capacity} values reserved");
        int start = Count;
        values.CopyTo(new Span<T>(_items + start, values.Length));
        Count += values.Length;
        return start;
    }
}
