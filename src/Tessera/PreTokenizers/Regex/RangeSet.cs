namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// An immutable set of code points, as sorted, disjoint, non-adjacent inclusive ranges over U+0000..U+10FFFF, plus
/// whether it holds <see cref="CodePoints.Invalid"/> (an undecodable byte). The parser builds every class with this
/// algebra; the compiler then turns each class into a <see cref="CodePointSet"/> for fast lookups.
/// </summary>
/// <remarks>
/// Positive items (literals, categories, <c>\s</c>...) never hold <see cref="CodePoints.Invalid"/>; complement flips it,
/// so negated classes (<c>[^...]</c>, <c>\S</c>, <c>\P{L}</c>, <c>.</c>) match an undecodable byte.
/// </remarks>
internal sealed class RangeSet
{
    public const int MaxCodePoint = 0x10FFFF;

    /// <summary>No code point, no undecodable byte.</summary>
    public static readonly RangeSet Empty = new([], includesInvalid: false);

    /// <summary>Every code point and undecodable bytes.</summary>
    public static readonly RangeSet All = new([0, MaxCodePoint], includesInvalid: true);

    // Pairs (low, high), sorted, disjoint and non-adjacent.
    private readonly int[] _bounds;

    private RangeSet(int[] bounds, bool includesInvalid)
    {
        _bounds = bounds;
        IncludesInvalid = includesInvalid;
    }

    /// <summary>Whether an undecodable byte is in the set.</summary>
    public bool IncludesInvalid { get; }

    /// <summary>The ranges as (low, high) pairs.</summary>
    public ReadOnlySpan<int> Bounds => _bounds;

    public int RangeCount => _bounds.Length / 2;

    public bool IsEmpty => _bounds.Length == 0 && !IncludesInvalid;

    public bool IsAll => IncludesInvalid && _bounds.Length == 2 && _bounds[0] == 0 && _bounds[1] == MaxCodePoint;

    public static RangeSet Single(int codePoint) => new([codePoint, codePoint], includesInvalid: false);

    public static RangeSet Range(int low, int high) => new([low, high], includesInvalid: false);

    /// <summary>A set of ranges in any order, possibly overlapping.</summary>
    public static RangeSet FromRanges(List<(int Low, int High)> ranges, bool includesInvalid)
    {
        ranges.Sort((a, b) => a.Low.CompareTo(b.Low));
        var bounds = new List<int>(ranges.Count * 2);
        foreach (var (low, high) in ranges)
        {
            if (bounds.Count > 0 && low <= bounds[^1] + 1)
            {
                bounds[^1] = Math.Max(bounds[^1], high);
                continue;
            }
            bounds.Add(low);
            bounds.Add(high);
        }
        return new RangeSet([.. bounds], includesInvalid);
    }

    /// <summary>Builds a set from a membership test over every code point (used once per Unicode table).</summary>
    public static RangeSet FromPredicate(Func<int, bool> contains, int last = MaxCodePoint)
    {
        var bounds = new List<int>();
        int start = -1;
        for (int c = 0; c <= last; c++)
        {
            bool inside = contains(c);
            if (inside && start < 0)
                start = c;
            else if (!inside && start >= 0)
            {
                bounds.Add(start);
                bounds.Add(c - 1);
                start = -1;
            }
        }
        if (start >= 0)
        {
            bounds.Add(start);
            bounds.Add(last);
        }
        return new RangeSet([.. bounds], includesInvalid: false);
    }

    public bool Contains(int codePoint)
    {
        if (codePoint < 0)
            return IncludesInvalid;
        int lo = 0, hi = _bounds.Length / 2 - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (codePoint < _bounds[2 * mid])
                hi = mid - 1;
            else if (codePoint > _bounds[2 * mid + 1])
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }

    public RangeSet Union(RangeSet other)
    {
        if (other.IsEmpty)
            return this;
        if (IsEmpty)
            return other;
        var ranges = new List<(int, int)>(RangeCount + other.RangeCount);
        AddTo(ranges);
        other.AddTo(ranges);
        return FromRanges(ranges, IncludesInvalid || other.IncludesInvalid);
    }

    public RangeSet Complement()
    {
        var bounds = new List<int>(_bounds.Length + 2);
        int next = 0;
        for (int i = 0; i < _bounds.Length; i += 2)
        {
            if (_bounds[i] > next)
            {
                bounds.Add(next);
                bounds.Add(_bounds[i] - 1);
            }
            next = _bounds[i + 1] + 1;
        }
        if (next <= MaxCodePoint)
        {
            bounds.Add(next);
            bounds.Add(MaxCodePoint);
        }
        return new RangeSet([.. bounds], !IncludesInvalid);
    }

    public RangeSet Intersect(RangeSet other) => Complement().Union(other.Complement()).Complement();

    public RangeSet Except(RangeSet other) => Intersect(other.Complement());

    public RangeSet SymmetricExcept(RangeSet other) => Union(other).Except(Intersect(other));

    /// <summary>Appends this set's ranges to <paramref name="ranges"/>.</summary>
    public void AddTo(List<(int Low, int High)> ranges)
    {
        for (int i = 0; i < _bounds.Length; i += 2)
            ranges.Add((_bounds[i], _bounds[i + 1]));
    }

    public override string ToString()
    {
        var parts = new List<string>();
        for (int i = 0; i < _bounds.Length; i += 2)
            parts.Add(_bounds[i] == _bounds[i + 1] ? $"{_bounds[i]:X4}" : $"{_bounds[i]:X4}-{_bounds[i + 1]:X4}");
        if (IncludesInvalid)
            parts.Add("invalid");
        return "[" + string.Join(" ", parts) + "]";
    }
}
