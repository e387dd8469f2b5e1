using System.Runtime.CompilerServices;

namespace Tessera.Models.Bpe;

/// <summary>
/// Hugging Face's merges as a flat table: the pair of token ids (left, right) → the merge's rank (its line in the
/// merges list) and the id of the token it makes. Open addressing over 16-byte slots, linear probing; for the byte path
/// of a <see cref="BpeModel"/> lowered to the flat encoder (see docs/algorithms/tokenizer-pipeline.md).
/// </summary>
internal sealed class MergeRanks
{
    /// <summary>No merge: above every real (rank, id) value.</summary>
    public const long None = long.MaxValue;

    private readonly ulong[] _keys;   // (left + 1) << 32 | (right + 1); 0 is empty
    private readonly long[] _values;  // rank << 32 | new id
    private readonly int _mask;

    public MergeRanks(IReadOnlyDictionary<long, (int Rank, int NewId)> merges)
    {
        int size = 16;
        while (size < merges.Count * 2)
            size <<= 1;
        _keys = new ulong[size];
        _values = new long[size];
        _mask = size - 1;
        foreach ((long pair, (int rank, int newId)) in merges)
        {
            ulong key = KeyOf((int)(pair >> 32), (int)pair);
            int slot = Home(key);
            while (_keys[slot] != 0 && _keys[slot] != key)
                slot = (slot + 1) & _mask;
            _keys[slot] = key;
            _values[slot] = ((long)rank << 32) | (uint)newId;
        }
    }

    /// <summary>The merge of (<paramref name="left"/>, <paramref name="right"/>) as rank &lt;&lt; 32 | new id, or <see cref="None"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Find(int left, int right)
    {
        ulong key = KeyOf(left, right);
        ulong[] keys = _keys;
        for (int slot = Home(key); ; slot = (slot + 1) & _mask)
        {
            ulong k = keys[slot];
            if (k == key)
                return _values[slot];
            if (k == 0)
                return None;
        }
    }

    /// <summary>The id a merge value makes.</summary>
    public static int NewIdOf(long merge) => (int)(uint)merge;

    /// <summary>Memory held.</summary>
    public long Bytes => (long)_keys.Length * 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeyOf(int left, int right) => ((ulong)(uint)(left + 1) << 32) | (uint)(right + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15) >> 40) & _mask;
}
