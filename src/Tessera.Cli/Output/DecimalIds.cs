using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Cli.Output;

/// <summary>
/// Formats token ids as space-separated ASCII decimals, a few nanoseconds per id: an id below one million is two
/// lookups in a table of the 1,000 three-digit groups, each written as one 4-byte store, without a branch.
/// </summary>
internal static class DecimalIds
{
    /// <summary>Bytes a caller must provide per id, plus <see cref="Slack"/> once.</summary>
    public const int MaxBytesPerId = 11;

    /// <summary>Extra room the 4-byte stores may touch past the last digit.</summary>
    public const int Slack = 8;

    // s_groups[n]: the three digits of n (zero-padded) then a space, as a little-endian uint. s_lengths[n]: digits of n unpadded.
    private static readonly uint[] s_groups = BuildGroups();
    private static readonly byte[] s_lengths = [.. Enumerable.Range(0, 1000).Select(n => (byte)(n < 10 ? 1 : n < 100 ? 2 : 3))];

    /// <summary>
    /// Writes <paramref name="ids"/> separated by single spaces (none before the first or after the last) into
    /// <paramref name="destination"/>, which holds at least <c>ids.Length * MaxBytesPerId + Slack</c> bytes; returns
    /// the number of bytes written.
    /// </summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<int> ids)
    {
        if (ids.IsEmpty)
            return 0;
        if (destination.Length < ids.Length * MaxBytesPerId + Slack)
            throw new ArgumentException("The destination is too small.", nameof(destination));
        ref byte start = ref MemoryMarshal.GetReference(destination);
        ref uint groups = ref MemoryMarshal.GetArrayDataReference(s_groups);
        ref byte lengths = ref MemoryMarshal.GetArrayDataReference(s_lengths);
        nint at = 0;
        foreach (int id in ids)
        {
            uint value = (uint)id;
            if (value >= 1_000_000)
            {
                at += WriteLarge(destination[(int)at..], value);
                continue;
            }
            // Without a branch on the number of digits (ids below and above 1,000 mix at random, and a mispredicted
            // branch cost more than the rest): the leading group (the thousands, or the id itself when there are none)
            // unpadded with a space, then the last three digits with a space, written over that space when there are
            // thousands and one byte further on (where the next id will write) when there are none.
            uint high = value / 1000, low = value - high * 1000;
            int thousands = high != 0 ? 1 : 0;
            uint pickHigh = 0u - (uint)thousands; // all ones when there are thousands (a select by mask, not a jump)
            uint lead = (high & pickHigh) | (low & ~pickHigh);
            int length = Unsafe.Add(ref lengths, (nint)lead);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, at), Unsafe.Add(ref groups, (nint)lead) >> ((3 - length) * 8));
            at += length;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, at + 1 - thousands), Unsafe.Add(ref groups, (nint)low));
            at += 1 + 3 * thousands;
        }
        return (int)at - 1; // without the space after the last id
    }

    /// <summary>An id of a million or more (no tiktoken encoding has one) and its space; out of line, so the hot loop keeps its registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteLarge(Span<byte> destination, uint value)
    {
        value.TryFormat(destination, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        destination[written] = (byte)' ';
        return written + 1;
    }

    private static uint[] BuildGroups()
    {
        var groups = new uint[1000];
        for (uint n = 0; n < 1000; n++)
            groups[n] = ('0' + n / 100) | (('0' + n / 10 % 10) << 8) | (('0' + n % 10) << 16) | ((uint)' ' << 24);
        return groups;
    }
}
