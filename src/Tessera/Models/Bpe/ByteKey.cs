using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Models.Bpe;

/// <summary>Hashing of short byte strings: the first eight bytes, zero-padded, serve as both hash input and quick compare.</summary>
internal static class ByteKey
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    /// <summary>The first eight bytes of <paramref name="key"/> as a little-endian number, zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Prefix(ReadOnlySpan<byte> key)
    {
        int n = key.Length;
        if (n >= 8)
            return BinaryPrimitives.ReadUInt64LittleEndian(key);
        if (n >= 4)
        {
            ulong lo = BinaryPrimitives.ReadUInt32LittleEndian(key);
            ulong hi = BinaryPrimitives.ReadUInt32LittleEndian(key[(n - 4)..]);
            return lo | (hi << ((n - 4) * 8));
        }
        return n switch
        {
            3 => BinaryPrimitives.ReadUInt16LittleEndian(key) | ((ulong)key[2] << 16),
            2 => BinaryPrimitives.ReadUInt16LittleEndian(key),
            1 => key[0],
            _ => 0,
        };
    }

    /// <summary>
    /// <see cref="Prefix"/> of the key <c>source[start..(start + length)]</c> (<paramref name="length"/> at least 1):
    /// one load and a mask where eight bytes can be read from <paramref name="start"/>, instead of a branch on the
    /// length, which is random from key to key when keys are read in turn and mispredicted for most.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong PrefixWithin(ReadOnlySpan<byte> source, int start, int length) =>
        (uint)start + 8u <= (uint)source.Length
            ? BinaryPrimitives.ReadUInt64LittleEndian(source[start..]) & (ulong.MaxValue >> (8 * (8 - Math.Min(length, 8))))
            : Prefix(source.Slice(start, length));

    /// <summary>
    /// <see cref="Prefix"/> and <see cref="Second"/> of the piece <c>text[start..(start + length)]</c>
    /// (<paramref name="length"/> at most 16): two loads and masks when sixteen bytes can be read from
    /// <paramref name="start"/>, instead of a branch on the length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefixAndSecond(ReadOnlySpan<byte> text, int start, int length, out ulong prefix, out ulong second)
    {
        if (start + 16 <= text.Length)
        {
            ulong first = BinaryPrimitives.ReadUInt64LittleEndian(text[start..]);
            if (length <= 8)
            {
                prefix = first & (ulong.MaxValue >> (64 - 8 * length));
                second = 0;
            }
            else
            {
                prefix = first;
                second = BinaryPrimitives.ReadUInt64LittleEndian(text[(start + 8)..]) & (ulong.MaxValue >> (128 - 8 * length));
            }
            return;
        }
        ReadOnlySpan<byte> piece = text.Slice(start, length);
        prefix = Prefix(piece);
        second = Second(piece);
    }

    /// <summary>Bytes 8 to 15 of <paramref name="key"/> as a little-endian number, zero-padded (0 for keys of up to eight bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Second(ReadOnlySpan<byte> key) => key.Length > 8 ? Prefix(key[8..]) : 0;

    /// <summary>A 64-bit hash of <paramref name="key"/> whose <paramref name="prefix"/> is already known.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<byte> key, ulong prefix)
    {
        ulong h = (prefix ^ (ulong)key.Length) * Multiplier;
        if (key.Length > 8)
            h = HashTail(key, h);
        return h ^ (h >> 29);
    }

    private static ulong HashTail(ReadOnlySpan<byte> key, ulong h)
    {
        int i = 8;
        for (; i + 8 <= key.Length; i += 8)
            h = (BitOperations.RotateLeft(h, 23) ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * Multiplier;
        if (i < key.Length)
            h = (BitOperations.RotateLeft(h, 23) ^ Prefix(key[i..])) * Multiplier;
        return h;
    }
}
