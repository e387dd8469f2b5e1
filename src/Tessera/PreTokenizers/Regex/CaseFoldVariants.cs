namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// Oniguruma's multi-character case folding (<see cref="MultiCharFolding"/>), which Rust's regex does not do: under
/// <c>(?i)</c>, <c>ß</c> matches <c>ss</c> (each <c>s</c> case-insensitively) and <c>ss</c> matches <c>ß</c> and
/// <c>ẞ</c>. Applied by the parser to runs of literals and to bracket classes in the Oniguruma dialect.
/// </summary>
internal static class CaseFoldVariants
{
    private static readonly Lazy<Dictionary<int, int[]>> s_folds = new(() =>
    {
        var folds = new Dictionary<int, int[]>();
        ReadOnlySpan<int> entries = MultiCharFolding.Entries;
        for (int i = 0; i < entries.Length; i += 2 + entries[i + 1])
            folds[entries[i]] = entries.Slice(i + 2, entries[i + 1]).ToArray();
        return folds;
    });

    /// <summary>Whether some code point of <paramref name="run"/> folds to several, or some part of it spells such a fold.</summary>
    public static bool HasMultiCharFold(int[] run)
    {
        for (int i = 0; i < run.Length; i++)
        {
            if (s_folds.Value.ContainsKey(run[i]) || FoldedBy(run, i).Count > 0)
                return true;
        }
        return false;
    }

    /// <summary>The node matching <paramref name="run"/>[<paramref name="i"/>..] case-insensitively with multi-character folds.</summary>
    public static RegexNode Run(int[] run, int i, Func<int, RangeSet> literal)
    {
        if (i == run.Length)
            return EmptyNode.Instance;
        var alternatives = new List<RegexNode> { Then(new SetNode(literal(run[i])), Run(run, i + 1, literal)) };
        if (s_folds.Value.TryGetValue(run[i], out int[]? fold))
            alternatives.Add(Then(Sequence(fold, literal), Run(run, i + 1, literal)));
        foreach ((int length, RangeSet set) in FoldedBy(run, i))
            alternatives.Add(Then(new SetNode(set), Run(run, i + length, literal)));
        return alternatives.Count == 1 ? alternatives[0] : new AlternationNode([.. alternatives]);
    }

    /// <summary>A case-insensitive class: the set, or any multi-character fold of one of its members.</summary>
    public static RegexNode Class(RangeSet set, Func<int, RangeSet> literal)
    {
        var alternatives = new List<RegexNode> { new SetNode(set) };
        var seen = new HashSet<string>();
        foreach ((int codePoint, int[] fold) in s_folds.Value.OrderBy(f => f.Key))
        {
            if (set.Contains(codePoint) && seen.Add(string.Join(",", fold)))
                alternatives.Add(Sequence(fold, literal));
        }
        return alternatives.Count == 1 ? alternatives[0] : new AlternationNode([.. alternatives]);
    }

    /// <summary>For each fold length, the code points whose multi-character fold the literals at <paramref name="i"/> spell.</summary>
    private static List<(int Length, RangeSet Set)> FoldedBy(int[] run, int i)
    {
        var byLength = new SortedDictionary<int, List<(int, int)>>();
        foreach ((int codePoint, int[] fold) in s_folds.Value)
        {
            if (i + fold.Length > run.Length)
                continue;
            bool spells = true;
            for (int k = 0; k < fold.Length && spells; k++)
                spells = Array.IndexOf(CaseFolding.Orbit(run[i + k]), fold[k]) >= 0;
            if (!spells)
                continue;
            if (!byLength.TryGetValue(fold.Length, out var list))
                byLength[fold.Length] = list = [];
            foreach (int member in CaseFolding.Orbit(codePoint))
                list.Add((member, member));
        }
        return [.. byLength.Select(p => (p.Key, RangeSet.FromRanges(p.Value, includesInvalid: false)))];
    }

    private static RegexNode Sequence(int[] codePoints, Func<int, RangeSet> literal) =>
        new ConcatNode([.. codePoints.Select(c => (RegexNode)new SetNode(literal(c)))]);

    private static RegexNode Then(RegexNode first, RegexNode rest) =>
        rest is EmptyNode ? first : new ConcatNode([first, rest]);
}
