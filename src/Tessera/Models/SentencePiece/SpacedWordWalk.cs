using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// The words of a spaced line (<see cref="SentencePieceNormalizer.TryCopySpacedLine"/>) in order, one word ahead as
/// <see cref="WordWalk"/> goes: a word is the last space of a run and the bytes up to the next space, the spaced
/// counterpart of a word of the normalized text ("▁" and the same bytes). Its <see cref="WordCache"/> key is made
/// from its own bytes, space first: no normalized word starts with a space (spaces are escaped), so the keys of
/// spaced words are never those of normalized ones.
/// </summary>
internal ref struct SpacedWordWalk
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _length;
    private readonly WordCache _cache;
    private int _nextStart, _nextEnd;
    private WordCache.Key _nextKey;

    /// <summary>A walk over <c>buffer[..length]</c>, of which 32 bytes more can be read.</summary>
    public SpacedWordWalk(ReadOnlySpan<byte> buffer, int length, WordCache cache)
    {
        _buffer = buffer;
        _length = length;
        _cache = cache;
        (_nextStart, _nextEnd, _nextKey) = WordFrom(0);
        if (_nextStart >= 0)
            cache.Prefetch(_nextKey);
    }

    /// <summary>The current word is <c>buffer[Start..End]</c>, a space and then no space.</summary>
    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>The current word's key (empty for a word too long to cache).</summary>
    public WordCache.Key Key { get; private set; }

    /// <summary>Moves to the next word, and prefetches the slot of the one after it; false at the end of the line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        if (_nextStart < 0)
            return false;
        (Start, End, Key) = (_nextStart, _nextEnd, _nextKey);
        (_nextStart, _nextEnd, _nextKey) = WordFrom(End);
        if (_nextStart >= 0)
            _cache.Prefetch(_nextKey);
        return true;
    }

    /// <summary>The word after the run of spaces that starts at <paramref name="at"/>; a start of -1 when none follows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly (int Start, int End, WordCache.Key Key) WordFrom(int at)
    {
        ref byte bytes = ref MemoryMarshal.GetReference(_buffer);
        while (at + 1 < _length && Unsafe.Add(ref bytes, at + 1) == (byte)' ')
            at++;
        if (at + 1 >= _length)
            return (-1, 0, default);
        Vector256<byte> block = Vector256.LoadUnsafe(ref bytes, (nuint)at);
        uint spaces = Vector256.Equals(block, Vector256.Create((byte)' ')).ExtractMostSignificantBits() & ~1u;
        int left = _length - at;
        if (left < 32)
            spaces = (spaces & ((1u << left) - 1)) | (1u << left);
        if (spaces != 0)
        {
            int length = BitOperations.TrailingZeroCount(spaces);
            return (at, at + length, new WordCache.Key(block, length));
        }
        int found = _buffer[(at + 32).._length].IndexOf((byte)' ');
        int end = found < 0 ? _length : at + 32 + found;
        return (at, end, end - at <= WordCache.MaxWordLength ? new WordCache.Key(_buffer[at..end]) : default);
    }
}
