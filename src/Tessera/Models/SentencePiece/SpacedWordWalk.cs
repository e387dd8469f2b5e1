using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// The words of a spaced line (<see cref="SentencePieceNormalizer.TryCopySpacedLine"/>) in order, a few words ahead:
/// a word is the last space of a run and the bytes up to the next space, the spaced counterpart of a word of the
/// normalized text ("▁" and the same bytes). Its <see cref="WordCache"/> key is made from its own bytes, space first:
/// no normalized word starts with a space (spaces are escaped), so the keys of spaced words are never those of
/// normalized ones. The slots of the next <see cref="Ahead"/> words are prefetched while the caller looks up and emits
/// the current one: a 16 MB table misses the core's cache, and one word of work was too little to hide that.
/// </summary>
internal ref struct SpacedWordWalk
{
    /// <summary>How many words ahead of the current one are found and prefetched.</summary>
    public const int Ahead = 7;

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _length;
    private readonly WordCache _cache;
    private Window _window;
    private int _current, _found; // the current word's place in the window; words found so far
    private int _end;             // where the last word found ends (the next one's run of spaces starts there)
    private bool _done;           // no word after the last one found

    private struct Word
    {
        public int Start, End;
        public WordCache.Key Key;
    }

    [InlineArray(Ahead + 1)]
    private struct Window
    {
        private Word _first;
    }

    /// <summary>A walk over <c>buffer[..length]</c>, of which 32 bytes more can be read.</summary>
    public SpacedWordWalk(ReadOnlySpan<byte> buffer, int length, WordCache cache)
    {
        _buffer = buffer;
        _length = length;
        _cache = cache;
        _window = default; // written through WordAt
        _current = -1;
        for (int i = 0; i < Ahead && FindNext(); i++)
        {
        }
    }

    /// <summary>The current word is <c>buffer[Start..End]</c>, a space and then no space.</summary>
    public readonly int Start
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => WordAt(_current).Start;
    }

    public readonly int End
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => WordAt(_current).End;
    }

    /// <summary>The current word's key (empty for a word too long to cache).</summary>
    public readonly ref readonly WordCache.Key Key
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref WordAt(_current).Key;
    }

    /// <summary>
    /// The window's place for the <paramref name="index"/>-th word found, by reference: the inline array's indexer, in
    /// a readonly member, made a span each time, a call the ahead-of-time compiler did not inline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ref Word WordAt(int index) =>
        ref Unsafe.Add(ref Unsafe.As<Window, Word>(ref Unsafe.AsRef(in _window)), (int)((uint)index % (Ahead + 1)));

    /// <summary>Moves to the next word, and finds and prefetches the one <see cref="Ahead"/> after it; false at the end of the line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        if (_current + 1 >= _found)
            return false;
        _current++;
        FindNext();
        return true;
    }

    /// <summary>The normalized word of a spaced word's bytes after its space: "▁" and those bytes, in <paramref name="buffer"/>.</summary>
    public static ReadOnlySpan<byte> Normalized(ref byte[] buffer, ReadOnlySpan<byte> bytes)
    {
        if (buffer.Length < bytes.Length + 3)
            buffer = new byte[Math.Max(bytes.Length + 3, buffer.Length * 2)];
        Utf8Rules.SpaceSymbol.CopyTo(buffer);
        bytes.CopyTo(buffer.AsSpan(3));
        return buffer.AsSpan(0, bytes.Length + 3);
    }

    /// <summary>Finds the word after the last one found, into the window, and prefetches its slot; false when none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool FindNext()
    {
        if (_done)
            return false;
        ref byte bytes = ref MemoryMarshal.GetReference(_buffer);
        int at = _end;
        while (at + 1 < _length && Unsafe.Add(ref bytes, at + 1) == (byte)' ')
            at++;
        if (at + 1 >= _length)
        {
            _done = true;
            return false;
        }
        ref Word word = ref WordAt(_found);
        word.Start = at;
        Vector256<byte> block = Vector256.LoadUnsafe(ref bytes, (nuint)at);
        uint spaces = Vector256.Equals(block, Vector256.Create((byte)' ')).ExtractMostSignificantBits() & ~1u;
        int left = _length - at;
        if (left < 32)
            spaces = (spaces & ((1u << left) - 1)) | (1u << left);
        if (spaces != 0)
        {
            int length = BitOperations.TrailingZeroCount(spaces);
            word.End = at + length;
            word.Key = new WordCache.Key(block, length);
        }
        else
        {
            int found = _buffer[(at + 32).._length].IndexOf((byte)' ');
            word.End = found < 0 ? _length : at + 32 + found;
            word.Key = word.End - at <= WordCache.MaxWordLength ? new WordCache.Key(_buffer[at..word.End]) : default;
        }
        _cache.Prefetch(word.Key);
        _end = word.End;
        _found++;
        return true;
    }
}
