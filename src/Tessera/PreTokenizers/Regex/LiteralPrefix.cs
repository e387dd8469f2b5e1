using System.Text;

namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// The code points every match of a pattern starts with, when it starts with literals (<c> {2,}</c>: two spaces), as
/// UTF-8: a search for a match skips with a vectorized <c>IndexOf</c> to where they occur instead of trying the pattern
/// at every candidate position (<see cref="CodePointRegex.TryMatch"/>).
/// </summary>
internal static class LiteralPrefix
{
    /// <summary>Prefixes are cut at this many code points (a longer one finds no fewer places).</summary>
    private const int MaxCodePoints = 16;

    /// <summary>The UTF-8 every match of <paramref name="root"/> starts with (empty when it need not start with a literal).</summary>
    public static byte[] Of(RegexNode root)
    {
        var codePoints = new List<int>();
        Collect(root, codePoints);
        var prefix = new StringBuilder();
        for (int i = 0; i < Math.Min(codePoints.Count, MaxCodePoints); i++) // not Take: generic code compiled at a first load
            prefix.Append(char.ConvertFromUtf32(codePoints[i]));
        return Encoding.UTF8.GetBytes(prefix.ToString());
    }

    /// <summary>
    /// Appends the code points every match of <paramref name="node"/> starts with; returns whether every match is exactly
    /// them (so what follows the node continues the prefix).
    /// </summary>
    private static bool Collect(RegexNode node, List<int> prefix)
    {
        switch (node)
        {
            case SetNode set when IsOneCodePoint(set.Set):
                prefix.Add(set.Set.Bounds[0]);
                return true;
            case ConcatNode concat:
                foreach (RegexNode item in concat.Items)
                {
                    if (!Collect(item, prefix) || prefix.Count >= MaxCodePoints)
                        return false;
                }
                return true;
            case RepeatNode { Min: > 0 } repeat:
                var body = new List<int>();
                bool exact = Collect(repeat.Body, body);
                if (!exact || body.Count == 0)
                {
                    prefix.AddRange(body);
                    return false;
                }
                for (int i = 0; i < repeat.Min && prefix.Count < MaxCodePoints; i++)
                    prefix.AddRange(body);
                return repeat.Min == repeat.Max && prefix.Count < MaxCodePoints;
            case AtomicNode atomic:
                return Collect(atomic.Body, prefix);
            default:
                return false;
        }
    }

    private static bool IsOneCodePoint(RangeSet set) =>
        !set.IncludesInvalid && set.RangeCount == 1 && set.Bounds[0] == set.Bounds[1] && set.Bounds[0] is < 0xD800 or > 0xDFFF;
}
