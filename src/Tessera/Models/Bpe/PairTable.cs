using System.Runtime.CompilerServices;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// The merge a pair of adjacent parts makes: (left rank, right rank) → the rank of the token they join into, for
/// every token's own last merge (its <em>split</em>), so a merge step costs one probe of a table keyed by two
/// integers, where the byte path hashes the joined bytes and probes the vocabulary. Exact for tiktoken's merge: two
/// adjacent parts whose joined bytes are a token are ever merged only as that token's split (see
/// docs/algorithms/byte-pair-merge.md, "Merging by pairs of ranks").
/// </summary>
/// <remarks>
/// Buckets of eight 8-byte slots (one cache line), filled in order, probed bucket after bucket from the home bucket: a
/// lookup reads one line unless its home bucket overflowed, and stops at the first empty slot. A slot packs the
/// merged rank + 1 (bits 42-62), the left rank (21-41) and the right rank (0-20); zero is empty. About 1.1 slots per
/// token: o200k_base's 199,742 splits fill 262,144 slots (2 MB), which measured faster than twice as many.
/// </remarks>
internal sealed unsafe class PairTable
{
    /// <summary>Ranks must be below this to be packed in a slot.</summary>
    public const int RankLimit = (1 << 21) - 1;

    /// <summary>Vocabularies with a longer token keep to the byte path (their longest tokens would be merged on the stack, quadratically).</summary>
    public const int MaxTokenLength = 1024;

    private const int BucketSlots = 8;
    private const ulong KeyMask = (1UL << 42) - 1;

    private readonly object _memory; // a native block, or the mapped file the slots are in
    private readonly ulong* _slots;
    private readonly int _bucketMask;
    private readonly int _shift;

    private PairTable(int bits, ulong* slots, object memory)
    {
        Bits = bits;
        _slots = slots;
        _memory = memory;
        _bucketMask = (1 << (bits - 3)) - 1;
        _shift = 64 - (bits - 3);
    }

    private static PairTable Empty(int entries)
    {
        int bits = Math.Max(3, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)entries + (ulong)entries / 8));
        var block = new NativeBlock(SlotsBytes(bits));
        return new PairTable(bits, (ulong*)block.Pointer, block);
    }

    /// <summary>A table over 2^<paramref name="bits"/> slots kept elsewhere (<see cref="RankTableImage"/>); <paramref name="memoryOwner"/> keeps them alive.</summary>
    internal static PairTable Over(int bits, void* slots, object memoryOwner) => new(bits, (ulong*)slots, memoryOwner);

    /// <summary>Bytes of a table's 2^<paramref name="bits"/> slots.</summary>
    internal static nuint SlotsBytes(int bits) => (nuint)sizeof(ulong) << bits;

    /// <summary>The table has 2^<see cref="Bits"/> slots.</summary>
    internal int Bits { get; }

    /// <summary>The slots, to keep in a file.</summary>
    internal ReadOnlySpan<byte> SlotsMemory => new(_slots, checked((int)SlotsBytes(Bits)));

    /// <summary>Whether the slots are in a mapped file (the vocabulary table's, which counts them).</summary>
    internal bool IsMapped => _memory is MappedFile;

    /// <summary>Memory held by the table.</summary>
    public long Bytes => (long)SlotsBytes(Bits);

    /// <summary>A slot's key: the left rank (bits 21-41) and the right rank (0-20).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeyOf(int left, int right) => ((ulong)(uint)left << 21) | (uint)right;

    /// <summary>The bucket where the search for <paramref name="key"/> starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HomeOf(ulong key) => (int)((key * 0x9E3779B97F4A7C15) >> _shift);

    /// <summary>The rank of the token parts <paramref name="left"/> and <paramref name="right"/> merge into, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Merged(int left, int right)
    {
        ulong key = KeyOf(left, right);
        int bucket = HomeOf(key);
        while (true)
        {
            ulong* slot = _slots + ((nint)bucket << 3);
            for (int s = 0; s < BucketSlots; s++)
            {
                ulong value = slot[s];
                if ((value & KeyMask) == key)
                    return (int)(value >> 42) - 1;
                if (value == 0)
                    return -1;
            }
            bucket = (bucket + 1) & _bucketMask;
        }
    }

    private void Add(int left, int right, int merged)
    {
        ulong key = KeyOf(left, right);
        int bucket = HomeOf(key);
        while (true)
        {
            ulong* slot = _slots + ((nint)bucket << 3);
            for (int s = 0; s < BucketSlots; s++)
            {
                if (slot[s] == 0)
                {
                    slot[s] = ((ulong)(merged + 1) << 42) | key;
                    return;
                }
            }
            bucket = (bucket + 1) & _bucketMask;
        }
    }

    /// <summary>
    /// The splits of every token of <paramref name="table"/>, or null when merging by pairs does not apply (a byte
    /// missing from the vocabulary, which the byte path reports; a rank too large to pack; a token too long).
    /// </summary>
    /// <remarks>
    /// Tokens are taken in rank order, each merged by the splits of the tokens before it: tiktoken's merge of its bytes
    /// makes the same merges for as long as they join into lower ranks, so when two parts are left they are its split
    /// (the only pair left joins into the token itself). When more are left, a token ranked after this one forms first
    /// inside it, and the token's bytes are merged again the slow way (<see cref="TokenSplit"/>); none of the built-in
    /// encodings has such a token. O200k_base: about 60 ms, once per library build (kept by the table cache).
    /// </remarks>
    public static PairTable? Build(RankTable table)
    {
        if (table.MaxRank >= RankLimit)
            return null;
        for (int b = 0; b < 256; b++)
            if (table.RankOfByte((byte)b) < 0)
                return null;
        int entries = 0;
        for (int rank = 0; rank <= table.MaxRank; rank++)
        {
            int length = table.BytesOf(rank).Length;
            if (length > MaxTokenLength)
                return null;
            if (length >= 2) entries++;
        }
        PairTable pairs = Empty(entries);
        Span<int> parts = stackalloc int[MaxTokenLength];
        for (int rank = 0; rank <= table.MaxRank; rank++)
        {
            ReadOnlySpan<byte> token = table.BytesOf(rank);
            if (token.Length < 2)
                continue;
            if (MergeByPairs.Encode(table, pairs, token, parts, below: rank) == 2 || TokenSplit.OfToken(table, token, parts))
                pairs.Add(parts[0], parts[1], rank);
        }
        return pairs;
    }
}
