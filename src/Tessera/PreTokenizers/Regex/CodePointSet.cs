using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// The compiled form of a class: one bit per BMP code point (8 KiB) and a binary search over the astral ranges.
/// Immutable, so one instance serves every thread.
/// </summary>
internal sealed class CodePointSet
{
    private readonly ulong[] _bmp = new ulong[0x10000 / 64];
    private readonly int[] _astral;
    private readonly bool _invalid;

    public CodePointSet(RangeSet ranges)
    {
        Ranges = ranges;
        _invalid = ranges.IncludesInvalid;
        var astral = new List<int>();
        ReadOnlySpan<int> bounds = ranges.Bounds;
        for (int i = 0; i < bounds.Length; i += 2)
        {
            int low = bounds[i], high = bounds[i + 1];
            for (int c = low; c <= Math.Min(high, 0xFFFF); c++)
                _bmp[c >> 6] |= 1UL << c;
            if (high > 0xFFFF)
            {
                astral.Add(Math.Max(low, 0x10000));
                astral.Add(high);
            }
        }
        _astral = [.. astral];
    }

    /// <summary>The set this was compiled from.</summary>
    public RangeSet Ranges { get; }

    /// <summary>Whether <paramref name="codePoint"/> (or <see cref="CodePoints.Invalid"/>) is in the set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(int codePoint)
    {
        if ((uint)codePoint < 0x10000)
            return (_bmp[codePoint >> 6] & (1UL << codePoint)) != 0;
        return codePoint < 0 ? _invalid : ContainsAstral(codePoint);
    }

    private bool ContainsAstral(int codePoint)
    {
        int[] bounds = _astral;
        int lo = 0, hi = bounds.Length / 2 - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (codePoint < bounds[2 * mid])
                hi = mid - 1;
            else if (codePoint > bounds[2 * mid + 1])
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }
}
