using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// The vocabulary of a byte-level BPE: token bytes by rank, and rank by token bytes. Immutable once built, so one
/// instance serves all threads. Ranks may have gaps (p50k_base); a gap has no bytes.
/// </summary>
/// <remarks>
/// Lookup is open addressing with linear probing in Robin Hood order over 16-byte slots that hold the key's first eight
/// bytes, its length and its distance from its home slot, so a key of up to eight bytes (most tokens) is found without
/// touching the byte arena, and a search for a string that is not a token stops at the first slot nearer to its own
/// home (at 76% full, ~2.5 slots read instead of ~9). The table is at
/// least 1.25 times the vocabulary (o200k_base: 262,144 slots, 4 MB, 76% full): half the size of a table twice the
/// vocabulary, so more of it stays in the last-level cache, which measured faster despite longer probes. The slots live in
/// huge-page-backed native memory (<see cref="NativeBlock"/>); the arena may point into the assembly's embedded
/// resource, which is never copied.
/// </remarks>
internal sealed unsafe partial class RankTable
{
    private const int NoRank = -1;
    private const int PairRanks = 65536; // the direct ranks: every 2-byte string, then every byte
    private const int ByteRanks = 256;

    private struct Slot
    {
        public ulong Prefix;
        public ushort Length;
        public ushort Distance; // how far the slot is from the key's home slot (Robin Hood order)
        public int Rank; // NoRank + 1 == 0 when empty: stored as rank + 1 so zeroed memory is empty
    }

    private readonly byte* _arena;
    private readonly object? _arenaOwner; // keeps a pinned array alive; null when the arena is a resource
    private readonly object _memory;      // keeps the offsets, the direct ranks and the slots alive (native blocks, or a mapped image)
    private readonly long _memoryBytes;
    private readonly int* _start;         // by rank; _start[r + 1] - _start[r] is the length (0 for a gap)
    private readonly Slot* _slots;
    private readonly int _mask;
    private readonly int _shift;
    private readonly int* _pairRank;      // rank of every 2-byte token, by (b0 << 8 | b1), or -1
    private readonly int* _byteRank;      // rank of every 1-byte token, or -1

    /// <summary>
    /// Where a table's tokens start in its arena (<see cref="Start"/>: one offset per rank and the end), with room
    /// for the table's direct pair and byte ranks: one block of native memory, one huge page for a large vocabulary
    /// (as arrays, o200k's 800 KB of offsets cost 200 page faults at load).
    /// </summary>
    public sealed class Offsets
    {
        internal readonly NativeBlock Block;

        public Offsets(int tokens)
        {
            Tokens = tokens;
            Block = NativeBlock.Large(OffsetsBytes(tokens));
        }

        public int Tokens { get; }

        /// <summary>The offsets to fill: the token of rank r is arena bytes <c>Start[r]..Start[r + 1]</c> (empty for a gap).</summary>
        public Span<int> Start => new(Block.Pointer, Tokens + 1);
    }

    /// <summary>Builds the table from token byte strings indexed by rank (null for a gap).</summary>
    public static RankTable FromTokens(IReadOnlyList<byte[]?> tokensByRank)
    {
        var offsets = new Offsets(tokensByRank.Count);
        Span<int> start = offsets.Start;
        int at = 0;
        for (int rank = 0; rank < tokensByRank.Count; rank++)
        {
            start[rank] = at;
            at += tokensByRank[rank]?.Length ?? 0;
        }
        start[tokensByRank.Count] = at;
        byte[] arena = GC.AllocateUninitializedArray<byte>(Math.Max(1, at), pinned: true);
        for (int rank = 0; rank < tokensByRank.Count; rank++)
            tokensByRank[rank]?.CopyTo(arena, start[rank]);
        fixed (byte* pointer = arena) // pinned on the pinned object heap: the address stays valid
            return new RankTable(pointer, arena, offsets);
    }

    /// <summary>
    /// Builds the table over the token bytes at <paramref name="arena"/>, where the token of rank r is bytes
    /// <c>offsets.Start[r]..offsets.Start[r + 1]</c> (empty for a gap); the table takes the offsets over. Tokens must be
    /// distinct. <paramref name="arenaOwner"/> keeps the memory alive (a pinned array), or is null for memory that
    /// lives as long as the process.
    /// </summary>
    public RankTable(byte* arena, object? arenaOwner, Offsets offsets)
    {
        _arena = arena;
        _arenaOwner = arenaOwner;
        int* start = _start = (int*)offsets.Block.Pointer;
        MaxRank = offsets.Tokens - 1;
        int count = 0;
        for (int rank = 0; rank <= MaxRank; rank++)
            if (start[rank + 1] > start[rank]) count++;
        Count = count;

        int bits = Bits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)count + (ulong)count / 4));
        var slotBlock = new NativeBlock(SlotsBytes(bits));
        _memory = (offsets, slotBlock);
        _memoryBytes = (long)offsets.Block.Bytes + (long)slotBlock.Bytes;
        _slots = (Slot*)slotBlock.Pointer;
        _mask = (1 << bits) - 1;
        _shift = 64 - bits;
        _pairRank = start + offsets.Tokens + 1;
        _byteRank = _pairRank + PairRanks;
        // A plain loop: Span.Fill is generic code the ReadyToRun image lacks, compiled at load.
        for (int i = 0; i < PairRanks + ByteRanks; i++) _pairRank[i] = NoRank;
        InsertAll();
    }

    /// <summary>
    /// A table over memory a table of the same layout was built in, kept elsewhere (see <see cref="RankTableImage"/>):
    /// <paramref name="tokens"/> offsets and the end, then the direct pair and byte ranks, at <paramref name="offsets"/>;
    /// 2^<paramref name="bits"/> slots at <paramref name="slots"/>. <paramref name="memoryOwner"/> keeps both alive;
    /// the table only reads them. <paramref name="hasDuplicateKeys"/> is what the table built there found (true when unknown).
    /// </summary>
    internal RankTable(byte* arena, object? arenaOwner, int tokens, int count, int bits, void* offsets, void* slots, object memoryOwner, long memoryBytes,
        bool hasDuplicateKeys = true)
    {
        _arena = arena;
        _arenaOwner = arenaOwner;
        _memory = memoryOwner;
        _memoryBytes = memoryBytes;
        _start = (int*)offsets;
        MaxRank = tokens - 1;
        Count = count;
        Bits = bits;
        _slots = (Slot*)slots;
        _mask = (1 << bits) - 1;
        _shift = 64 - bits;
        _pairRank = _start + tokens + 1;
        _byteRank = _pairRank + PairRanks;
        HasDuplicateKeys = hasDuplicateKeys;
    }

    /// <summary>
    /// Whether two ranks have the same bytes (a lookup then finds one of them); true for a table over memory built
    /// elsewhere, unless the builder's answer came with it.
    /// </summary>
    public bool HasDuplicateKeys { get; private set; }

    /// <summary>Bytes of the offsets and direct ranks of a table of <paramref name="tokens"/> ranks (gaps included).</summary>
    internal static nuint OffsetsBytes(int tokens) => (nuint)(tokens + 1 + PairRanks + ByteRanks) * sizeof(int);

    /// <summary>Bytes of a table's 2^<paramref name="bits"/> slots.</summary>
    internal static nuint SlotsBytes(int bits) => (nuint)sizeof(Slot) << bits;

    /// <summary>The table's offsets and direct ranks (<see cref="OffsetsBytes"/>), to keep in a file (<see cref="RankTableImage"/>).</summary>
    internal ReadOnlySpan<byte> OffsetsMemory => new(_start, checked((int)OffsetsBytes(MaxRank + 1)));

    /// <summary>The table's slots (<see cref="SlotsBytes"/> of <see cref="Bits"/>), to keep in a file.</summary>
    internal ReadOnlySpan<byte> SlotsMemory => new(_slots, checked((int)SlotsBytes(Bits)));

    /// <summary>The table has 2^<see cref="Bits"/> slots.</summary>
    internal int Bits { get; }

    /// <summary>Where the token bytes are.</summary>
    internal byte* Arena => _arena;

    /// <summary>Whether the table was mapped from a file (<see cref="RankTableImage"/>) rather than built.</summary>
    internal bool IsMapped => _memory is MappedFile;

    /// <summary>The highest rank (ids of ordinary tokens are below or equal).</summary>
    public int MaxRank { get; }

    /// <summary>How many tokens the table holds.</summary>
    public int Count { get; }

    /// <summary>Approximate bytes held by the table (the arena counted even when it is the embedded resource, the pair table once there).</summary>
    public long MemoryBytes => ArenaBytes + _memoryBytes + (Pairs is { IsMapped: false } pairs ? pairs.Bytes : 0);

    /// <summary>Bytes of token strings the arena holds (where the last token ends).</summary>
    public int ArenaBytes => _start[MaxRank + 1];

    /// <summary>The bytes of the token with <paramref name="rank"/>; empty for a gap or out of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> BytesOf(int rank) =>
        (uint)rank <= (uint)MaxRank ? new ReadOnlySpan<byte>(_arena + _start[rank], _start[rank + 1] - _start[rank]) : default;

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
        return RankOf(key, (int)(ByteKey.Hash(key, prefix) >> _shift), prefix);
    }

    /// <summary>The slot a search for <paramref name="key"/> starts at, and the key's <paramref name="prefix"/>: to <see cref="Prefetch"/> it ahead of the search.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int HomeOf(ReadOnlySpan<byte> key, out ulong prefix)
    {
        prefix = ByteKey.Prefix(key);
        return HomeOfPrefixed(key, prefix);
    }

    /// <summary>The slot a search for <paramref name="key"/>, whose <see cref="ByteKey.Prefix"/> is <paramref name="prefix"/>, starts at.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int HomeOfPrefixed(ReadOnlySpan<byte> key, ulong prefix) => (int)(ByteKey.Hash(key, prefix) >> _shift);

    /// <summary>Starts loading the slot a search will read (<see cref="HomeOf"/>), so that many searches' cache misses overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int home)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(_slots + home);
    }

    /// <summary>The rank of <paramref name="key"/>, or -1, searching from its <paramref name="home"/> slot (<see cref="HomeOf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RankOf(ReadOnlySpan<byte> key, int home, ulong prefix)
    {
        int i = home;
        for (int distance = 0; ; distance++)
        {
            Slot* slot = _slots + i;
            // Robin Hood order: a key is never farther from its home than the keys it passed, so a slot nearer to
            // its own home than this key would be ends the search (at 76% full, a miss then reads ~2.5 slots, not ~9).
            if (slot->Rank == 0 || slot->Distance < distance)
                return NoRank;
            if (slot->Prefix == prefix && slot->Length == key.Length
                && (key.Length <= 8 || BytesOf(slot->Rank - 1).SequenceEqual(key)))
                return slot->Rank - 1;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Robin Hood insertion: walking from the home slot, the entry takes the place of any entry nearer to its own home
    /// (which then moves on in its stead), so entries along a run are ordered by distance and a lookup can stop early.
    /// </summary>
    private void Insert(int home, Slot entry)
    {
        int i = home;
        for (int distance = 0; ; distance++, i = (i + 1) & _mask)
        {
            Slot* slot = _slots + i;
            if (slot->Rank == 0)
            {
                entry.Distance = (ushort)distance;
                *slot = entry;
                return;
            }
            if (slot->Prefix == entry.Prefix && slot->Length == entry.Length
                && (entry.Length <= 8 || BytesOf(slot->Rank - 1).SequenceEqual(BytesOf(entry.Rank - 1))))
                HasDuplicateKeys = true;
            if (slot->Distance < distance)
            {
                entry.Distance = (ushort)distance;
                (entry, *slot) = (*slot, entry);
                distance = entry.Distance;
            }
        }
    }

    /// <summary>
    /// Inserts every token in rank order. Each lands in a random slot of a table far larger than the caches: the
    /// home slots of the next few tokens are computed and prefetched ahead, so their misses overlap.
    /// </summary>
    private void InsertAll()
    {
        const int Ahead = 16;
        Span<ulong> prefixes = stackalloc ulong[Ahead];
        Span<int> homes = stackalloc int[Ahead];
        var arena = new ReadOnlySpan<byte>(_arena, ArenaBytes);
        for (int rank = 0; rank <= MaxRank + Ahead; rank++)
        {
            int r = rank - Ahead; // the token inserted now; `rank` is the one prefetched
            if (r >= 0 && homes[r % Ahead] >= 0)
            {
                ReadOnlySpan<byte> token = BytesOf(r);
                if (token.Length == 1) _byteRank[token[0]] = r;
                if (token.Length == 2) _pairRank[(token[0] << 8) | token[1]] = r;
                if (token.Length > ushort.MaxValue)
                    throw new ArgumentException($"The token of rank {r} is {token.Length} bytes long; at most {ushort.MaxValue} are supported.");
                Insert(homes[r % Ahead], new Slot { Prefix = prefixes[r % Ahead], Length = (ushort)token.Length, Rank = r + 1 });
            }
            if (rank <= MaxRank)
            {
                ReadOnlySpan<byte> next = BytesOf(rank);
                int home = -1;
                if (!next.IsEmpty)
                {
                    ulong prefix = ByteKey.PrefixWithin(arena, _start[rank], next.Length);
                    home = (int)(ByteKey.Hash(next, prefix) >> _shift);
                    prefixes[rank % Ahead] = prefix;
                    if (Sse.IsSupported)
                        Sse.Prefetch0(_slots + home);
                }
                homes[rank % Ahead] = home;
            }
        }
    }
}
