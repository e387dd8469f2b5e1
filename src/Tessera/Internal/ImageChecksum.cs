using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.Internal;

/// <summary>
/// A 64-bit checksum of the files the caches keep (<c>RankTableImage</c>, <c>BpeModelImage</c>) and of the files they
/// were built from: CRC-32C (the processor's instruction where there is one) over four interleaved streams of 8-byte
/// words, which the processor runs side by side, so 10 MB take about a millisecond. It guards against a damaged or
/// changed file, not against a forged one.
/// </summary>
/// <remarks>
/// Fed in parts (<see cref="Add"/>), it gives the checksum of their concatenation when every part but the last is a
/// multiple of 32 bytes long (a file's 4 KB-aligned sections may be summed one by one, or read back as one span).
/// </remarks>
internal struct ImageChecksum()
{
    private uint _a = 0x9E3779B9, _b = 0x85EBCA6B, _c = 0xC2B2AE35, _d = 0x27D4EB2F;
    private long _length;

    /// <summary>The checksum of the bytes added so far.</summary>
    public readonly ulong Value =>
        ((ulong)(_a ^ BitOperations.RotateLeft(_c, 16)) << 32 | (_b ^ BitOperations.RotateLeft(_d, 16))) ^ (ulong)_length;

    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static ulong Of(ReadOnlySpan<byte> data)
    {
        var sum = new ImageChecksum();
        sum.Add(data);
        return sum.Value;
    }

    public void Add(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        (uint a, uint b, uint c, uint d) = (_a, _b, _c, _d);
        int i = 0;
        for (; i + 4 <= words.Length; i += 4)
        {
            a = BitOperations.Crc32C(a, words[i]);
            b = BitOperations.Crc32C(b, words[i + 1]);
            c = BitOperations.Crc32C(c, words[i + 2]);
            d = BitOperations.Crc32C(d, words[i + 3]);
        }
        for (; i < words.Length; i++)
            a = BitOperations.Crc32C(a, words[i]);
        for (int j = words.Length * 8; j < data.Length; j++)
            b = BitOperations.Crc32C(b, data[j]);
        (_a, _b, _c, _d) = (a, b, c, d);
        _length += data.Length;
    }
}
