using System.Runtime.CompilerServices;

namespace Tessera.Internal;

/// <summary>
/// A direct-mapped cache from a piece's bytes to its token ids, for pieces that are not themselves tokens and so
/// need merging. One per thread (never shared), fixed size: a new entry overwrites whatever shared its slot.
/// </summary>
internal sealed class PretokenCache
{
    /// <summary>Pieces longer than this are not cached (rare; their merge dominates anyway).</summary>
    public const int MaxKeyLength = 32;
    /// <summary>Pieces that merge into more tokens than this are not cached.</summary>
    public const int MaxIds = 16;
    private const int SlotBits = 16;
    private const int Slots = 1 << SlotBits;

    private readonly ulong[] _hash = new ulong[Slots];      // 0: empty
    private readonly byte[] _keys = new byte[Slots * MaxKeyLength];
    private readonly int[] _ids = new int[Slots * MaxIds];
    private readonly byte[] _keyLength = new byte[Slots];
    private readonly byte[] _idCount = new byte[Slots];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<byte> key, ulong hash, out ReadOnlySpan<int> ids)
    {
        int slot = (int)(hash >> (64 - SlotBits));
        if (_hash[slot] == (hash | 1) && _keyLength[slot] == key.Length
            && key.SequenceEqual(_keys.AsSpan(slot * MaxKeyLength, key.Length)))
        {
            ids = _ids.AsSpan(slot * MaxIds, _idCount[slot]);
            return true;
        }
        ids = default;
        return false;
    }

    public void Set(ReadOnlySpan<byte> key, ulong hash, ReadOnlySpan<int> ids)
    {
        if (ids.Length > MaxIds)
            return;
        int slot = (int)(hash >> (64 - SlotBits));
        _hash[slot] = hash | 1;
        _keyLength[slot] = (byte)key.Length;
        _idCount[slot] = (byte)ids.Length;
        key.CopyTo(_keys.AsSpan(slot * MaxKeyLength));
        ids.CopyTo(_ids.AsSpan(slot * MaxIds));
    }
}
