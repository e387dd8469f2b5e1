using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using Tessera.Internal;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// The ids of words already segmented: a table of 65,536 to 262,144 slots of one cache line each, two to a bucket (the word's bytes
/// inline, at most <see cref="MaxWordLength"/>; at most <see cref="MaxIds"/> ids; a limit on the path score a unigram
/// result holds for, see <see cref="SentencePieceUnigram"/>, and the sum of its pieces' scores). A new word goes first in its bucket, the word there moves
/// second and the second is dropped; a word found second moves first, so the word dropped is the one used least
/// recently. One per thread, so no locks.
/// A word is stored with its ids alone (the caller knows their lengths), or with none and a limit of 0 to remember
/// that it is not worth computing again.
/// </summary>
/// <remarks>
/// On 20 MB of English prose (2.8 M words, 244,699 distinct, 0.8% longer than 32 bytes) a direct-mapped table of 65,536
/// words hits about 88% of the words it may hold; a table of arenas emptied when full (16,384 words) hit less and
/// cost a memory clear every time. The 4 MB table is in huge pages (<see cref="NativeBlock"/>): as a managed array
/// its first pass over new text faulted in 1,024 pages of 4 KB, about 12 ms on this project's VMs. Grown to 16 MB
/// after 393,216 words added (the words it keeps moved over), it made the unigram encoder 3-10% faster on 30 MB of
/// prose, both runs at once on the two cores (5 of 6 pairs). Two slots to a bucket rather than one (the same memory)
/// left 12% fewer words of 104 MB of prose to segment on a first pass (955,046 → 837,236 certified, unigram-8k), and
/// the encoder 2-4% faster (medians of six alternating runs on 30 MB).
/// </remarks>
internal sealed unsafe class WordCache
{
    /// <summary>Longer words are not cached.</summary>
    public const int MaxWordLength = 32;

    /// <summary>The room a caller's buffer for <see cref="TryGet"/> needs.</summary>
    public const int IdsRoom = 16;

    // Ids of vocabularies of at most 65,536 pieces are stored as 16 bits, ten to a slot, else as 32 bits, five.
    private const int NarrowVocabulary = 1 << 16;
    private readonly bool _narrow;

    /// <summary>A cache for the ids of a vocabulary of <paramref name="vocabularySize"/> pieces.</summary>
    public WordCache(int vocabularySize)
    {
        _narrow = vocabularySize <= NarrowVocabulary;
        MaxIds = _narrow ? 10 : 5;
    }

    /// <summary>Words of more pieces are not cached.</summary>
    public int MaxIds { get; }

    // The table starts at 2^16 slots (4 MB) and doubles, up to 2^18 (16 MB), each time it has taken twice as many
    // words as it has slots: a long run over varied text loses fewer words to collisions, a short one stays small.
    private const int FirstSlotBits = 16;
    private const int MaxSlotBits = 18;

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong K0, K1, K2, K3;
        public Ids Ids;      // 10 ids of 16 bits or 5 of 32; then Score, Meta and Limit, so one 32-byte load takes them all
        public float Score;
        public int Meta;     // ids (bits 0-7) and the word's length + 1 (bits 8-15); 0: empty
        public float Limit;
    }

    [InlineArray(5)]
    private struct Ids
    {
        private int _first;
    }

    private NativeBlock _block = new((nuint)sizeof(Slot) << FirstSlotBits);
    private int _slotBits = FirstSlotBits;
    private long _added;

    /// <summary>A word's key: its bytes, zero-padded to 32, its length and a hash of both.</summary>
    public readonly struct Key
    {
        public readonly ulong K0, K1, K2, K3, Hash;
        public readonly int Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Key(ReadOnlySpan<byte> word)
        {
            Length = word.Length;
            ref byte start = ref MemoryMarshal.GetReference(word);
            int n = word.Length;
            K0 = Read(ref start, n);
            K1 = n > 8 ? Read(ref Unsafe.Add(ref start, 8), n - 8) : 0;
            K2 = n > 16 ? Read(ref Unsafe.Add(ref start, 16), n - 16) : 0;
            K3 = n > 24 ? Read(ref Unsafe.Add(ref start, 24), n - 24) : 0;
            Hash = HashOf(K0, K1, K2, K3, n);
        }

        /// <summary>The key of the first <paramref name="length"/> (at most 32) of <paramref name="bytes"/>: the same as from a span.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Key(Vector256<byte> bytes, int length)
        {
            Length = length;
            Vector256<ulong> word = (bytes & Vector256.LessThan(Vector256<byte>.Indices, Vector256.Create((byte)length))).AsUInt64();
            K0 = word.GetElement(0);
            K1 = word.GetElement(1);
            K2 = word.GetElement(2);
            K3 = word.GetElement(3);
            Hash = HashOf(K0, K1, K2, K3, length);
        }

        // Four independent products rather than a chain: the slot index (the top bits) is ready sooner.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ulong HashOf(ulong k0, ulong k1, ulong k2, ulong k3, int length)
        {
            ulong h = (k0 ^ ((ulong)length << 56)) * 0x9E3779B97F4A7C15UL + k1 * 0xC2B2AE3D27D4EB4FUL
                + k2 * 0x165667B19E3779F9UL + k3 * 0xD6E8FEB86659FD93UL;
            return h ^ (h >> 29);
        }
    }

    /// <summary>The first min(8, <paramref name="n"/>) bytes at <paramref name="p"/>, zero-padded, read without a copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ref byte p, int n)
    {
        if (n >= 8)
            return Unsafe.ReadUnaligned<ulong>(ref p);
        if (n >= 4)
            return Unsafe.ReadUnaligned<uint>(ref p) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, n - 4)) << ((n - 4) * 8));
        if (n >= 2)
            return Unsafe.ReadUnaligned<ushort>(ref p) | ((ulong)Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref p, n - 2)) << ((n - 2) * 8));
        return n == 1 ? p : 0UL;
    }

    /// <summary>
    /// Asks the CPU to fetch the slot of <paramref name="key"/> (a hint, on x86): the caller does so one word ahead, so
    /// the lookup finds the line in cache instead of waiting for memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(in Key key)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            byte* bucket = (byte*)Unsafe.AsPointer(ref SlotOf(key));
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bucket);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bucket + sizeof(Slot));
        }
    }

    /// <summary>The first of the two slots of the key's bucket (the most recently used word of the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot SlotOf(in Key key) => ref ((Slot*)_block.Pointer)[(key.Hash >> (65 - _slotBits)) << 1];

    /// <summary>The bucket of a key (for tests).</summary>
    internal int BucketOf(in Key key) => (int)(key.Hash >> (65 - _slotBits));

    /// <summary>How many slots the table has now.</summary>
    internal int Slots => 1 << _slotBits;

    /// <summary>Doubles the table, every word kept moved to its bucket in the larger one, in the same order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        NativeBlock old = _block;
        int oldSlots = Slots;
        _block = new NativeBlock((nuint)sizeof(Slot) << (_slotBits + 1));
        _slotBits++;
        _added = 0;
        var slots = (Slot*)old.Pointer;
        for (int i = 0; i < oldSlots; i += 2)
        {
            // The older word first: each one put in first place pushes the one there to second.
            for (int way = 1; way >= 0; way--)
            {
                ref Slot slot = ref slots[i + way];
                if (slot.Meta == 0)
                    continue;
                ulong hash = Key.HashOf(slot.K0, slot.K1, slot.K2, slot.K3, (slot.Meta >> 8) - 1);
                ref Slot first = ref ((Slot*)_block.Pointer)[(hash >> (65 - _slotBits)) << 1];
                Unsafe.Add(ref first, 1) = first;
                first = slot;
            }
        }
        old.Dispose();
    }

    /// <summary>
    /// The word's ids, written to the first of the <see cref="IdsRoom"/> entries of <paramref name="ids"/> (the rest may
    /// be overwritten), and how many (0: not cached, and a limit of 0); a word stored without ids gives -1 and the limit
    /// it was stored with. <paramref name="score"/> is the score it was stored with.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryGet(scoped in Key key, Span<int> ids, out float limit, out float score)
    {
        ref Slot slot = ref SlotOf(key);
        limit = 0;
        score = 0;
        if (!Holds(slot, key))
        {
            ref Slot second = ref Unsafe.Add(ref slot, 1);
            if (!Holds(second, key))
                return 0;
            // Found second: it becomes the first, so the word it displaces is the one to go next.
            (slot, second) = (second, slot);
        }
        limit = slot.Limit;
        score = slot.Score;
        int count = slot.Meta & 0xFF;
        if (count == 0)
            return -1;
        // The slot's last 32 bytes (ids, score, meta, limit) widened or copied whole; what lies past the ids is never read.
        ref int target = ref MemoryMarshal.GetReference(ids[..IdsRoom]);
        ref byte tail = ref Unsafe.As<Ids, byte>(ref slot.Ids);
        if (_narrow)
        {
            (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref Unsafe.As<byte, ushort>(ref tail)));
            lower.AsInt32().StoreUnsafe(ref target);
            upper.AsInt32().StoreUnsafe(ref target, 8);
        }
        else
        {
            Vector256.LoadUnsafe(ref Unsafe.As<byte, int>(ref tail)).StoreUnsafe(ref target);
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Holds(in Slot slot, in Key key) =>
        slot.K0 == key.K0 && slot.K1 == key.K1 && slot.K2 == key.K2 && slot.K3 == key.K3 && slot.Meta >> 8 == key.Length + 1;

    /// <summary>
    /// Remembers the ids of a word (none, or at most <see cref="MaxIds"/>), with a limit and a score for the caller,
    /// first in its bucket; the first word there moves second.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in Key key, ReadOnlySpan<int> ids, float limit = float.PositiveInfinity, float score = 0)
    {
        if (ids.Length > MaxIds)
            return;
        if (++_added > 2L << _slotBits && _slotBits < MaxSlotBits)
            Grow();
        ref Slot slot = ref SlotOf(key);
        Unsafe.Add(ref slot, 1) = slot;
        slot.K0 = key.K0;
        slot.K1 = key.K1;
        slot.K2 = key.K2;
        slot.K3 = key.K3;
        slot.Meta = ids.Length | ((key.Length + 1) << 8);
        slot.Limit = limit;
        slot.Score = score;
        if (_narrow)
        {
            Span<ushort> narrow = MemoryMarshal.Cast<int, ushort>((Span<int>)slot.Ids);
            for (int i = 0; i < ids.Length; i++)
                narrow[i] = (ushort)ids[i];
        }
        else
        {
            ids.CopyTo(slot.Ids);
        }
    }
}
