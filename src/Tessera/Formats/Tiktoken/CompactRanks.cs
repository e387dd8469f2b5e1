using System.Buffers.Binary;
using System.IO.Compression;

namespace Tessera.Formats.Tiktoken;

/// <summary>
/// The compact form in which the built-in encodings are embedded: <c>"TKB1"</c>, the uncompressed length (int32 LE),
/// then Brotli over: token count, and per token in rank order the rank gap and the byte length (LEB128), then the bytes.
/// About a third of the size of the <c>.tiktoken</c> text and several times faster to load (no base64).
/// </summary>
internal static class CompactRanks
{
    private static ReadOnlySpan<byte> Magic => "TKB1"u8;

    public static byte[] Write(IReadOnlyList<byte[]?> tokensByRank)
    {
        using var raw = new MemoryStream();
        int count = tokensByRank.Count(t => t is not null);
        WriteVarint(raw, count);
        int previous = -1;
        for (int rank = 0; rank < tokensByRank.Count; rank++)
        {
            if (tokensByRank[rank] is not { } token) continue;
            WriteVarint(raw, rank - previous - 1);
            WriteVarint(raw, token.Length);
            raw.Write(token);
            previous = rank;
        }
        using var packed = new MemoryStream();
        packed.Write(Magic);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, (int)raw.Length);
        packed.Write(length);
        using (var brotli = new BrotliStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            brotli.Write(raw.GetBuffer(), 0, (int)raw.Length);
        return packed.ToArray();
    }

    /// <summary>Reads the compact form straight into a <see cref="Models.Bpe.RankTable"/>.</summary>
    public static Models.Bpe.RankTable Read(ReadOnlySpan<byte> packed, string source)
    {
        if (packed.Length < 8 || !packed[..4].SequenceEqual(Magic))
            throw new TokenizerFormatException(source, 0, "", "not a compact rank file (no TKB1 header)");
        var raw = new byte[BinaryPrimitives.ReadInt32LittleEndian(packed[4..])];
        if (!BrotliDecoder.TryDecompress(packed[8..], raw, out int written) || written != raw.Length)
            throw new TokenizerFormatException(source, 0, "", "the compressed rank data is corrupt");

        // Token bytes are compacted in place: they only ever move towards the front of the buffer.
        int at = 0, write = 0, rank = -1;
        int count = ReadVarint(raw, ref at);
        var starts = new List<int>(count + 1);
        for (int i = 0; i < count; i++)
        {
            int gap = ReadVarint(raw, ref at);
            for (int g = 0; g < gap; g++) starts.Add(write);
            int length = ReadVarint(raw, ref at);
            starts.Add(write);
            raw.AsSpan(at, length).CopyTo(raw.AsSpan(write));
            at += length;
            write += length;
            rank += gap + 1;
        }
        starts.Add(write);
        return new Models.Bpe.RankTable(raw[..write], [.. starts]);
    }

    private static void WriteVarint(Stream s, int value)
    {
        uint v = (uint)value;
        while (v >= 0x80)
        {
            s.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        s.WriteByte((byte)v);
    }

    private static int ReadVarint(ReadOnlySpan<byte> s, ref int at)
    {
        int value = 0, shift = 0;
        while (true)
        {
            byte b = s[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80) return value;
            shift += 7;
        }
    }
}
