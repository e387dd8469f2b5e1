using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// The pieces of words already merged: word bytes to (id, length) pairs, in open addressing with linear probing over
/// arenas, emptied when full. One per thread (no locks); nothing is allocated on a hit.
/// </summary>
internal sealed class WordCache
{
    /// <summary>Longer words are not cached.</summary>
    public const int MaxWordLength = 64;

    private const int SlotBits = 15;
    private const int MaxEntries = (1 << SlotBits) / 2;

    private struct Slot
    {
        public ulong Hash; // 0: empty
        public int Key;    // offset in _keys
        public int Value;  // offset in _values
        public short KeyLength;
        public short ValueLength;
    }

    private readonly Slot[] _slots = new Slot[1 << SlotBits];
    private readonly byte[] _keys = new byte[MaxEntries * 16];
    private readonly int[] _values = new int[MaxEntries * 6];
    private int _entries, _keysUsed, _valuesUsed;

    /// <summary>A 64-bit hash of <paramref name="word"/> (never 0).</summary>
    public static ulong Hash(ReadOnlySpan<byte> word)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)word.Length;
        ref byte start = ref MemoryMarshal.GetReference(word);
        int i = 0;
        for (; i + 8 <= word.Length; i += 8)
        {
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * 0xC2B2AE3D27D4EB4FUL;
            h ^= h >> 29;
        }
        ulong tail = 0;
        for (int shift = 0; i < word.Length; i++, shift += 8)
            tail |= (ulong)Unsafe.Add(ref start, i) << shift;
        h = (h ^ tail) * 0x165667B19E3779F9UL;
        h ^= h >> 32;
        return h | 1;
    }

    /// <summary>The (id, length) pairs of <paramref name="word"/>, or false.</summary>
    public bool TryGet(ReadOnlySpan<byte> word, ulong hash, out ReadOnlySpan<int> pieces)
    {
        int mask = _slots.Length - 1;
        for (int i = (int)(hash >> (64 - SlotBits)); ; i = (i + 1) & mask)
        {
            ref Slot slot = ref _slots[i];
            if (slot.Hash == 0)
                break;
            if (slot.Hash == hash && slot.KeyLength == word.Length && word.SequenceEqual(_keys.AsSpan(slot.Key, slot.KeyLength)))
            {
                pieces = _values.AsSpan(slot.Value, slot.ValueLength);
                return true;
            }
        }
        pieces = default;
        return false;
    }

    /// <summary>Remembers the pieces of <paramref name="word"/> (nothing when either is too long).</summary>
    public void Add(ReadOnlySpan<byte> word, ulong hash, ReadOnlySpan<int> pieces)
    {
        if (word.Length > MaxWordLength || pieces.Length > 2 * MaxWordLength)
            return;
        if (_entries >= MaxEntries || _keysUsed + word.Length > _keys.Length || _valuesUsed + pieces.Length > _values.Length)
            Clear();
        int mask = _slots.Length - 1;
        int i = (int)(hash >> (64 - SlotBits));
        while (_slots[i].Hash != 0)
            i = (i + 1) & mask;
        word.CopyTo(_keys.AsSpan(_keysUsed));
        pieces.CopyTo(_values.AsSpan(_valuesUsed));
        _slots[i] = new Slot { Hash = hash, Key = _keysUsed, KeyLength = (short)word.Length, Value = _valuesUsed, ValueLength = (short)pieces.Length };
        _keysUsed += word.Length;
        _valuesUsed += pieces.Length;
        _entries++;
    }

    private void Clear()
    {
        Array.Clear(_slots);
        _entries = _keysUsed = _valuesUsed = 0;
    }
}
