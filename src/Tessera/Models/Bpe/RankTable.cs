using System.Runtime.CompilerServices;

namespace Tessera.Models.Bpe;

/// <summary>
/// The vocabulary of a byte-level BPE: token bytes by rank, and rank by token bytes. Immutable once built, so one
/// instance serves all threads. Ranks may have gaps (p50k_base); a gap has no bytes.
/// </summary>
/// <remarks>
/// Lookup is open addressing with linear probing over 16-byte slots that hold the key's first eight bytes and its
/// length, so a key of up to eight bytes (most tokens) is found without touching the byte arena.
/// </remarks>
internal sealed class RankTable
{
    private const int NoRank = -1;

    private struct Slot
    {
        public ulong Prefix;
        public int Length;
        public int Rank;
    }

    private readonly byte[] _arena;
    private readonly int[] _start;     // by rank; _start[r + 1] - _start[r] is the length (0 for a gap)
    private readonly Slot[] _slots;
    private readonly int _shift;
    private readonly int[] _pairRank;  // rank of every 2-byte token, by (b0 << 8 | b1), or -1
    private readonly int[] _byteRank;  // rank of every 1-byte token, or -1

    /// <summary>Builds the table from token byte strings indexed by rank (null for a gap).</summary>
    public static RankTable FromTokens(IReadOnlyList<byte[]?> tokensByRank)
    {
        var start = new int[tokensByRank.Count + 1];
        int at = 0;
        for (int rank = 0; rank < tokensByRank.Count; rank++)
        {
            start[rank] = at;
            at += tokensByRank[rank]?.Length ?? 0;
        }
        start[^1] = at;
        var arena = new byte[at];
        for (int rank = 0; rank < tokensByRank.Count; rank++)
            tokensByRank[rank]?.CopyTo(arena, start[rank]);
        return new RankTable(arena, start);
    }

    /// <summary>
    /// Builds the table over <paramref name="arena"/>, where the token of rank r is
    /// <c>arena[start[r]..start[r + 1]]</c> (empty for a gap). Tokens must be distinct.
    /// </summary>
    public RankTable(byte[] arena, int[] start)
    {
        _arena = arena;
        _start = start;
        MaxRank = start.Length - 2;
        int count = 0;
        for (int rank = 0; rank <= MaxRank; rank++)
            if (start[rank + 1] > start[rank]) count++;
        Count = count;

        int bits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)count * 2));
        _slots = new Slot[1 << bits];
        _shift = 64 - bits;
        _slots.AsSpan().Fill(new Slot { Rank = NoRank });
        _pairRank = new int[65536];
        _byteRank = new int[256];
        Array.Fill(_pairRank, NoRank);
        Array.Fill(_byteRank, NoRank);
        for (int rank = 0; rank <= MaxRank; rank++)
        {
            if (start[rank + 1] > start[rank])
                Insert(BytesOf(rank), rank);
        }
    }

    /// <summary>The highest rank (ids of ordinary tokens are below or equal).</summary>
    public int MaxRank { get; }

    /// <summary>How many tokens the table holds.</summary>
    public int Count { get; }

    /// <summary>Approximate bytes held by the table.</summary>
    public long MemoryBytes => _arena.Length + _start.Length * 4L + _slots.Length * 16L + (_pairRank.Length + _byteRank.Length) * 4L;

    /// <summary>The bytes of the token with <paramref name="rank"/>; empty for a gap or out of range.</summary>
    public ReadOnlySpan<byte> BytesOf(int rank) =>
        (uint)rank <= (uint)MaxRank ? _arena.AsSpan(_start[rank], _start[rank + 1] - _start[rank]) : default;

    /// <summary>Whether <paramref name="rank"/> names a token of the table.</summary>
    public bool Contains(int rank) => (uint)rank <= (uint)MaxRank && _start[rank + 1] > _start[rank];

    /// <summary>The rank of a single byte, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RankOfByte(byte b) => _byteRank[b];

    /// <summary>The rank of a two-byte token, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RankOfPair(byte a, byte b) => _pairRank[(a << 8) | b];

    /// <summary>The rank of <paramref name="key"/>, or -1 when it is not a token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RankOf(ReadOnlySpan<byte> key)
    {
        ulong prefix = ByteKey.Prefix(key);
        int mask = _slots.Length - 1;
        int i = (int)(ByteKey.Hash(key, prefix) >> _shift);
        Slot[] slots = _slots;
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Rank == NoRank)
                return NoRank;
            if (slot.Prefix == prefix && slot.Length == key.Length
                && (key.Length <= 8 || BytesOf(slot.Rank).SequenceEqual(key)))
                return slot.Rank;
            i = (i + 1) & mask;
        }
    }

    private void Insert(ReadOnlySpan<byte> token, int rank)
    {
        if (token.Length == 1) _byteRank[token[0]] = rank;
        if (token.Length == 2) _pairRank[(token[0] << 8) | token[1]] = rank;
        ulong prefix = ByteKey.Prefix(token);
        int mask = _slots.Length - 1;
        int i = (int)(ByteKey.Hash(token, prefix) >> _shift);
        while (_slots[i].Rank != NoRank)
            i = (i + 1) & mask;
        _slots[i] = new Slot { Prefix = prefix, Length = token.Length, Rank = rank };
    }
}
