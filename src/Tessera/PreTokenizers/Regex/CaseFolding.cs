using System.Text;

namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// Case-insensitive matching as Rust's <c>(?i)</c>: a code point matches every member of its simple case-folding
/// orbit (the code points that simple case folding maps to the same value), e.g. <c>{k, K, U+212A KELVIN SIGN}</c>,
/// <c>{s, S, U+017F ſ}</c>, <c>{σ, ς, Σ}</c>.
/// </summary>
/// <remarks>
/// The orbits are computed once from .NET's invariant simple case mappings: every code point is joined (union-find)
/// with <see cref="Rune.ToUpperInvariant"/> and <see cref="Rune.ToLowerInvariant"/> of it. .NET leaves out three
/// mappings that CaseFolding.txt keeps or adds (U+017F ſ ↔ s, and the simple foldings U+1FD3 → U+0390,
/// U+1FE3 → U+03B0, U+FB05 → U+FB06), which are joined explicitly; like CaseFolding.txt's C+S foldings,
/// the Turkish dotted/dotless i (U+0130, U+0131) stay alone.
/// </remarks>
internal static class CaseFolding
{
    private static readonly (int A, int B)[] s_extraPairs = [(0x017F, 0x0073), (0x1FD3, 0x0390), (0x1FE3, 0x03B0), (0xFB05, 0xFB06)];

    private static readonly Lazy<Table> s_table = new(Build);

    /// <summary>The members of the orbit of <paramref name="codePoint"/>, itself included.</summary>
    public static int[] Orbit(int codePoint)
    {
        Table table = s_table.Value;
        int index = Array.BinarySearch(table.Keys, codePoint);
        return index >= 0 ? table.Orbits[index] : [codePoint];
    }

    /// <summary>The set of the code points of <paramref name="set"/> and of every member of their orbits.</summary>
    public static RangeSet Close(RangeSet set)
    {
        Table table = s_table.Value;
        var added = new List<(int Low, int High)>();
        for (int i = 0; i < table.Keys.Length; i++)
        {
            if (!set.Contains(table.Keys[i]))
                continue;
            foreach (int member in table.Orbits[i])
                added.Add((member, member));
        }
        if (added.Count == 0)
            return set;
        set.AddTo(added);
        return RangeSet.FromRanges(added, set.IncludesInvalid);
    }

    private sealed record Table(int[] Keys, int[][] Orbits);

    private static Table Build()
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            while (parent.TryGetValue(x, out int p) && p != x)
            {
                int grand = parent.TryGetValue(p, out int g) ? g : p;
                parent[x] = grand;
                x = grand;
            }
            return x;
        }
        void Join(int a, int b)
        {
            parent.TryAdd(a, a);
            parent.TryAdd(b, b);
            int ra = Find(a), rb = Find(b);
            if (ra != rb)
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }

        for (int c = 0; c <= RangeSet.MaxCodePoint; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
                continue;
            var rune = new Rune(c);
            int upper = Rune.ToUpperInvariant(rune).Value, lower = Rune.ToLowerInvariant(rune).Value;
            if (upper != c)
                Join(c, upper);
            if (lower != c)
                Join(c, lower);
        }
        foreach (var (a, b) in s_extraPairs)
            Join(a, b);

        var members = new Dictionary<int, List<int>>();
        foreach (int c in parent.Keys)
        {
            int root = Find(c);
            if (!members.TryGetValue(root, out var list))
                members[root] = list = [];
            list.Add(c);
        }
        var keys = new List<int>(parent.Count);
        foreach (int c in parent.Keys)
            keys.Add(c);
        keys.Sort();
        var orbits = new int[keys.Count][];
        for (int i = 0; i < keys.Count; i++)
        {
            List<int> orbit = members[Find(keys[i])];
            orbit.Sort();
            orbits[i] = [.. orbit];
        }
        return new Table([.. keys], orbits);
    }
}
