using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// The words of a text in order (<see cref="WordCuts"/>), each with its <see cref="WordCache"/> key, one word ahead:
/// the next word's key is made and its cache slot prefetched while the caller looks up and emits the current one, so
/// the slot's cache miss overlaps with that work.
/// </summary>
/// <remarks>
/// When 32 bytes can be read from a word's start (the text's buffer may run past its end: what lies there is never
/// used), one vector load finds the word's end and, masked to its length, is its key (<see cref="VectorWord"/>); near the
/// end of the buffer, for long words and for cuts after "▁", bytes are looked at one by one.
/// </remarks>
internal ref struct WordWalk
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _length;
    private readonly WordCut _cut;
    private readonly WordCache _cache;
    private readonly bool _vector;
    private int _nextEnd;
    private WordCache.Key _nextKey;

    /// <summary>A walk over <c>buffer[..length]</c>; bytes of <paramref name="buffer"/> past it may be read, never used.</summary>
    public WordWalk(ReadOnlySpan<byte> buffer, int length, WordCut cut, WordCache cache)
    {
        _buffer = buffer;
        _length = length;
        _cut = cut;
        _cache = cache;
        _vector = cut == WordCut.BeforeSpace && Vector256.IsHardwareAccelerated;
        End = 0;
        (_nextEnd, _nextKey) = WordAt(0);
        cache.Prefetch(_nextKey);
    }

    /// <summary>The current word is <c>text[Start..End]</c>.</summary>
    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>The current word's key (empty for a word too long to cache).</summary>
    public WordCache.Key Key { get; private set; }

    /// <summary>Moves to the next word, and prefetches the slot of the one after it; false at the end of the text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        if (End >= _length)
            return false;
        (Start, End, Key) = (End, _nextEnd, _nextKey);
        if (End < _length)
        {
            (_nextEnd, _nextKey) = WordAt(End);
            _cache.Prefetch(_nextKey);
        }
        return true;
    }

    /// <summary>The end and key of the word that starts at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly (int End, WordCache.Key Key) WordAt(int start)
    {
        if (_vector && _buffer.Length - start >= 32)
        {
            Vector256<byte> bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(_buffer), (nuint)start);
            if (VectorWord(bytes, _length - start) is var length and > 0)
                return (start + length, new WordCache.Key(bytes, length));
        }
        int end = WordCuts.NextCut(_buffer[.._length], start, _cut);
        return (end, end - start <= WordCache.MaxWordLength ? new WordCache.Key(_buffer[start..end]) : default);
    }

    /// <summary>
    /// The length of the word at the start of <paramref name="bytes"/> (cut before the first "▁" after its first byte,
    /// or at <paramref name="left"/>, the bytes left in the text), or 0 when these 32 bytes do not settle it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int VectorWord(Vector256<byte> bytes, int left)
    {
        // "▁" is E2 96 81: a start of one at byte p has E2 at p, 96 at p + 1, 81 at p + 2 (checkable for p <= 29).
        uint e2 = Vector256.Equals(bytes, Vector256.Create((byte)0xE2)).ExtractMostSignificantBits();
        uint x96 = Vector256.Equals(bytes, Vector256.Create((byte)0x96)).ExtractMostSignificantBits();
        uint x81 = Vector256.Equals(bytes, Vector256.Create((byte)0x81)).ExtractMostSignificantBits();
        uint cuts = e2 & (x96 >> 1) & (x81 >> 2) & 0x3FFF_FFFEu;
        if (left < 32)
            cuts = (cuts & ((1u << left) - 1)) | (1u << left);
        return cuts == 0 ? 0 : BitOperations.TrailingZeroCount(cuts);
    }
}
