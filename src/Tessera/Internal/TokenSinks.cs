using System.Buffers;
using System.Runtime.CompilerServices;

namespace Tessera.Internal;

/// <summary>Counts tokens.</summary>
internal ref struct CountSink : ITokenSink
{
    public static bool WantsOffsets => false;

    public int Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int id, int byteStart, int byteEnd) => Count++;

    public readonly bool IsFull => false;
}

/// <summary>
/// Collects ids in a buffer that starts on the caller's stack and doubles through the array pool, or for a large
/// text through <see cref="IdScratch"/>, so repeated large encodes reuse memory already written once (fresh pages
/// are expensive: see docs/algorithms/byte-pair-merge.md). <see cref="Dispose"/> gives the buffer back.
/// </summary>
internal ref struct IdSink : ITokenSink
{
    public static bool WantsOffsets => false;

    private Span<int> _ids;
    private int[]? _rented;
    private NativeBlock? _scratch;
    private int _count;
    private readonly int _expected;

    /// <param name="initial">A first buffer, typically on the stack.</param>
    /// <param name="expected">
    /// About how many ids to expect: when the first buffer fills, the next holds at least this many, so a large
    /// text does not double its way up through fresh arrays (each a first touch of new memory).
    /// </param>
    public IdSink(Span<int> initial, int expected = 0)
    {
        _ids = initial;
        _expected = expected;
    }

    /// <summary>The ids so far.</summary>
    public readonly ReadOnlySpan<int> Ids => _ids[.._count];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int id, int byteStart, int byteEnd)
    {
        if (_count == _ids.Length)
            Grow();
        _ids[_count++] = id;
    }

    public readonly bool IsFull => false;

    /// <summary>Forgets the ids, keeping the buffer.</summary>
    public void Clear() => _count = 0;

    private void Grow()
    {
        int size = Math.Max(Math.Max(1024, _expected), _ids.Length * 2);
        int[]? rented = null;
        NativeBlock? scratch = null;
        Span<int> bigger = size >= IdScratch.MinIds
            ? IdScratch.Ids(scratch = IdScratch.Shared.Take(size))
            : rented = ArrayPool<int>.Shared.Rent(size);
        _ids[.._count].CopyTo(bigger);
        Release();
        _rented = rented;
        _scratch = scratch;
        _ids = bigger;
    }

    /// <summary>The ids, in a new array of the exact size.</summary>
    public readonly int[] ToArray() => LargeArrays.Copy(Ids);

    public void Dispose()
    {
        Release();
        _ids = default;
    }

    private void Release()
    {
        if (_rented is not null)
            ArrayPool<int>.Shared.Return(_rented);
        if (_scratch is not null)
            IdScratch.Shared.Give(_scratch);
        _rented = null;
        _scratch = null;
    }
}

/// <summary>Collects ids with the byte range of each.</summary>
internal ref struct SpanSink : ITokenSink
{
    public static bool WantsOffsets => true;

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
    public static bool WantsOffsets => true;

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
    public static bool WantsOffsets => false;

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
