using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Tessera.Models.Bpe;

namespace Tessera.Formats.Tiktoken;

/// <summary>
/// The compact form in which the built-in encodings are embedded: <c>"TKB2"</c>, the number of ranks (int32 LE,
/// gaps included), the total token bytes (int32 LE), each rank's token length (LEB128; 0 for a gap), then all token
/// bytes concatenated in rank order. No base64, no rank numbers: 2.3 times smaller than the <c>.tiktoken</c> text.
/// </summary>
/// <remarks>
/// Not entropy-coded on purpose: the token bytes are used in place, straight from the assembly's mapped resource,
/// and decoding Brotli took 19 ms for o200k_base on the reference machine, the whole load budget (20 ms).
/// See docs/algorithms/byte-pair-merge.md.
/// </remarks>
internal static unsafe class CompactRanks
{
    private static ReadOnlySpan<byte> Magic => "TKB2"u8;

    public static byte[] Write(IReadOnlyList<byte[]?> tokensByRank)
    {
        using var output = new MemoryStream();
        output.Write(Magic);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, tokensByRank.Count);
        output.Write(number);
        BinaryPrimitives.WriteInt32LittleEndian(number, tokensByRank.Sum(t => t?.Length ?? 0));
        output.Write(number);
        foreach (byte[]? token in tokensByRank)
        {
            for (uint v = (uint)(token?.Length ?? 0); ; v >>= 7)
            {
                output.WriteByte((byte)(v >= 0x80 ? v | 0x80 : v));
                if (v < 0x80) break;
            }
        }
        foreach (byte[]? token in tokensByRank)
            if (token is not null) output.Write(token);
        return output.ToArray();
    }

    /// <summary>
    /// Builds a <see cref="RankTable"/> over compact data at <paramref name="data"/>, whose token bytes are used in
    /// place: <paramref name="owner"/> must keep the memory alive and fixed (a pinned array), or be null for memory
    /// that lives as long as the process (an embedded resource).
    /// </summary>
    public static RankTable Read(byte* data, long length, object? owner, string source)
    {
        var bytes = new ReadOnlySpan<byte>(data, (int)Math.Min(length, int.MaxValue));
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual(Magic))
            throw new TokenizerFormatException(source, 0, "", "not a compact rank file (no TKB2 header)");
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        int total = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var offsets = new RankTable.Offsets(count);
        Span<int> start = offsets.Start;
        int at = 12, offset = 0;
        for (int rank = 0; rank < count; rank++)
        {
            start[rank] = offset;
            int value = 0, shift = 0;
            byte b;
            do
            {
                b = bytes[at++];
                value |= (b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80);
            offset += value;
        }
        start[count] = offset;
        if (offset != total || at + total != bytes.Length)
            throw new TokenizerFormatException(source, 0, "", "the compact rank data is truncated or corrupt");
        return new RankTable(data + at, owner, offsets);
    }
}
