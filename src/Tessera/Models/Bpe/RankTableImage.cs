using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// A built <see cref="RankTable"/> as a file, so that a later process maps it (<see cref="MappedFile"/>) instead of
/// building it: o200k_base's 200,000 insertions into 4 MB of fresh memory are most of its load time. The token bytes
/// are not in the file: they stay in the embedded resource the table was built from.
/// </summary>
/// <remarks>
/// Layout, little-endian: a 4,096-byte header, the offsets and direct ranks (<see cref="RankTable.OffsetsBytes"/>),
/// then, from the next 4 KB boundary, the slots (<see cref="RankTable.SlotsBytes"/>), then, from the next, the pair
/// table's slots when the table had one (<see cref="PairTable.SlotsBytes"/>). The header: <c>"TKRT"</c>, the
/// format version, the source (the library build that made the file, and the resource's length: a file from another
/// build is never used, as the table's layout and hash may differ), where the token bytes start in the resource,
/// the number of ranks, of tokens, the slots' size (bits), a checksum of everything after the header, and the pair
/// table's size (bits; 0 for none). A file
/// whose header or checksum does not match is ignored (the caller builds the table and writes the file again).
/// </remarks>
internal static unsafe class RankTableImage
{
    private const int HeaderBytes = 4096;
    private const int FormatVersion = 2;
    private static ReadOnlySpan<byte> Magic => "TKRT"u8;

    /// <summary>What a table was built from: the library build, and the length of the resource in it.</summary>
    public readonly record struct Source(Guid Build, long Length);

    /// <summary>Writes <paramref name="table"/>, built over the token bytes that start <paramref name="arenaStart"/> bytes into the source.</summary>
    public static void Write(Stream output, RankTable table, Source source, int arenaStart)
    {
        PairTable? pairs = table.Pairs;
        ReadOnlySpan<byte> offsets = table.OffsetsMemory, slots = table.SlotsMemory, pairSlots = pairs is null ? default : pairs.SlotsMemory;
        byte[] header = new byte[HeaderBytes];
        Span<byte> h = header;
        Magic.CopyTo(h);
        BinaryPrimitives.WriteInt32LittleEndian(h[4..], FormatVersion);
        source.Build.TryWriteBytes(h[8..24]);
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], source.Length);
        BinaryPrimitives.WriteInt32LittleEndian(h[32..], arenaStart);
        BinaryPrimitives.WriteInt32LittleEndian(h[36..], table.MaxRank + 1);
        BinaryPrimitives.WriteInt32LittleEndian(h[40..], table.Count);
        BinaryPrimitives.WriteInt32LittleEndian(h[44..], table.Bits);
        BinaryPrimitives.WriteUInt64LittleEndian(h[48..], Checksum(offsets, slots, pairSlots));
        BinaryPrimitives.WriteInt32LittleEndian(h[56..], pairs?.Bits ?? 0);
        output.Write(header);
        output.Write(offsets);
        output.Write(new byte[Padding(offsets.Length)]);
        output.Write(slots);
        output.Write(new byte[Padding(slots.Length)]);
        output.Write(pairSlots);
    }

    /// <summary>
    /// The table in <paramref name="file"/> when it was made from <paramref name="expected"/> and is whole, over the
    /// token bytes of the source at <paramref name="source"/> (kept alive by <paramref name="sourceOwner"/>, or null
    /// for a resource); else null. The table keeps the mapping alive.
    /// </summary>
    public static RankTable? Read(MappedFile file, Source expected, byte* source, object? sourceOwner)
    {
        if (file.Length < HeaderBytes)
            return null;
        var h = new ReadOnlySpan<byte>(file.Pointer, HeaderBytes);
        if (!h[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(h[4..]) != FormatVersion
            || new Guid(h[8..24]) != expected.Build || BinaryPrimitives.ReadInt64LittleEndian(h[24..]) != expected.Length)
            return null;
        int arenaStart = BinaryPrimitives.ReadInt32LittleEndian(h[32..]);
        int tokens = BinaryPrimitives.ReadInt32LittleEndian(h[36..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(h[40..]);
        int bits = BinaryPrimitives.ReadInt32LittleEndian(h[44..]);
        int pairBits = BinaryPrimitives.ReadInt32LittleEndian(h[56..]);
        if (arenaStart < 0 || arenaStart > expected.Length || tokens <= 0 || count < 0 || count > tokens || bits is < 4 or > 30
            || pairBits is not 0 and (< 3 or > 30))
            return null;
        long offsetsBytes = (long)RankTable.OffsetsBytes(tokens), slotsBytes = (long)RankTable.SlotsBytes(bits);
        long pairSlotsBytes = pairBits == 0 ? 0 : (long)PairTable.SlotsBytes(pairBits);
        long slotsAt = HeaderBytes + offsetsBytes + Padding(offsetsBytes), pairsAt = slotsAt + slotsBytes + Padding(slotsBytes);
        if (file.Length != (pairBits == 0 ? slotsAt + slotsBytes : pairsAt + pairSlotsBytes))
            return null;
        var offsets = new ReadOnlySpan<byte>(file.Pointer + HeaderBytes, (int)offsetsBytes);
        var slots = new ReadOnlySpan<byte>(file.Pointer + slotsAt, (int)slotsBytes);
        var pairSlots = new ReadOnlySpan<byte>(file.Pointer + pairsAt, (int)pairSlotsBytes);
        if (Checksum(offsets, slots, pairSlots) != BinaryPrimitives.ReadUInt64LittleEndian(h[48..]))
            return null;
        var table = new RankTable(source + arenaStart, sourceOwner, tokens, count, bits, file.Pointer + HeaderBytes, file.Pointer + slotsAt, file, file.Length);
        if (pairBits != 0)
            table.AttachPairs(PairTable.Over(pairBits, file.Pointer + pairsAt, file));
        return table;
    }

    private static int Padding(long bytes) => (int)(-bytes & (HeaderBytes - 1));

    /// <summary>The checksum (<see cref="ImageChecksum"/>) of the three parts, one after the other.</summary>
    internal static ulong Checksum(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        var sum = new ImageChecksum();
        sum.Add(first);
        sum.Add(second);
        sum.Add(third);
        return sum.Value;
    }
}
