namespace Tessera.PreTokenizers.Regex;

/// <summary>How a quantifier gives characters back.</summary>
internal enum RepeatMode : byte
{
    /// <summary>Prefers more, gives back one at a time (<c>*</c>).</summary>
    Greedy,
    /// <summary>Prefers fewer, takes one more at a time (<c>*?</c>).</summary>
    Lazy,
    /// <summary>Takes as many as it can and never gives back (<c>*+</c>).</summary>
    Possessive,
}

/// <summary>Zero-width assertions.</summary>
internal enum AssertionKind : byte
{
    /// <summary><c>^</c> or <c>\A</c>: start of the text.</summary>
    StartText,
    /// <summary><c>$</c> or <c>\z</c>: end of the text.</summary>
    EndText,
    /// <summary><c>(?m)^</c>: start of the text or after <c>\n</c>.</summary>
    StartLine,
    /// <summary><c>(?m)$</c>: end of the text or before <c>\n</c>.</summary>
    EndLine,
    /// <summary>Oniguruma's <c>^</c>: start of the text, or after <c>\n</c> except at the end of the text.</summary>
    StartLineNotAtEnd,
    /// <summary><c>\b</c>: <c>\w</c> on exactly one side.</summary>
    WordBoundary,
    /// <summary><c>\B</c>.</summary>
    NotWordBoundary,
    /// <summary><c>\&lt;</c>: no <c>\w</c> before, <c>\w</c> after.</summary>
    WordStart,
    /// <summary><c>\&gt;</c>: <c>\w</c> before, no <c>\w</c> after.</summary>
    WordEnd,
}

/// <summary>
/// A node of the parsed pattern. Capturing groups leave no node (they behave as non-capturing), and every
/// single-code-point item (literal, escape, class, <c>.</c>) is a <see cref="SetNode"/>.
/// </summary>
internal abstract class RegexNode
{
    /// <summary>Unbounded <see cref="RepeatNode.Max"/>.</summary>
    public const int Unbounded = int.MaxValue;

    /// <summary>Whether the node can match without consuming a code point.</summary>
    public abstract bool CanBeEmpty { get; }

    /// <summary>The number of code points every match of the node consumes, or null when it varies.</summary>
    public abstract int? FixedLength { get; }

    /// <summary>Whether the node may be re-entered by backtracking to try another way of matching.</summary>
    public abstract bool CanBacktrack { get; }

    /// <summary>Adds the code points a match can start with; returns whether it can also consume nothing.</summary>
    public abstract bool CollectFirst(List<RangeSet> first);
}

/// <summary>Matches nothing, always succeeds (an empty alternative or group).</summary>
internal sealed class EmptyNode : RegexNode
{
    public static readonly EmptyNode Instance = new();

    public override bool CanBeEmpty => true;
    public override int? FixedLength => 0;
    public override bool CanBacktrack => false;
    public override bool CollectFirst(List<RangeSet> first) => true;
}

/// <summary>One code point of a set.</summary>
internal sealed class SetNode(RangeSet set) : RegexNode
{
    public RangeSet Set { get; } = set;

    public override bool CanBeEmpty => false;
    public override int? FixedLength => 1;
    public override bool CanBacktrack => false;

    public override bool CollectFirst(List<RangeSet> first)
    {
        first.Add(Set);
        return false;
    }
}

/// <summary>A sequence.</summary>
internal sealed class ConcatNode(RegexNode[] items) : RegexNode
{
    public RegexNode[] Items { get; } = items;

    public override bool CanBeEmpty => Items.All(i => i.CanBeEmpty);

    public override int? FixedLength
    {
        get
        {
            long total = 0;
            foreach (RegexNode item in Items)
            {
                if (item.FixedLength is not int length)
                    return null;
                total += length;
            }
            return total <= int.MaxValue ? (int)total : null;
        }
    }

    public override bool CanBacktrack => Items.Any(i => i.CanBacktrack);

    public override bool CollectFirst(List<RangeSet> first)
    {
        foreach (RegexNode item in Items)
        {
            if (!item.CollectFirst(first))
                return false;
        }
        return true;
    }
}

/// <summary>Alternatives, tried in order (leftmost-first).</summary>
internal sealed class AlternationNode(RegexNode[] alternatives) : RegexNode
{
    public RegexNode[] Alternatives { get; } = alternatives;

    public override bool CanBeEmpty => Alternatives.Any(a => a.CanBeEmpty);

    public override int? FixedLength
    {
        get
        {
            int? length = Alternatives[0].FixedLength;
            foreach (RegexNode alternative in Alternatives)
            {
                if (alternative.FixedLength != length)
                    return null;
            }
            return length;
        }
    }

    public override bool CanBacktrack => true;

    public override bool CollectFirst(List<RangeSet> first)
    {
        bool empty = false;
        foreach (RegexNode alternative in Alternatives)
            empty |= alternative.CollectFirst(first);
        return empty;
    }
}

/// <summary>A quantifier: <see cref="Min"/> to <see cref="Max"/> repetitions of <see cref="Body"/>.</summary>
internal sealed class RepeatNode(RegexNode body, int min, int max, RepeatMode mode) : RegexNode
{
    public RegexNode Body { get; } = body;
    public int Min { get; } = min;
    public int Max { get; } = max;
    public RepeatMode Mode { get; } = mode;

    public override bool CanBeEmpty => Min == 0 || Body.CanBeEmpty;

    public override int? FixedLength =>
        Min == Max && Body.FixedLength is int length && (long)length * Min <= int.MaxValue ? length * Min : null;

    public override bool CanBacktrack =>
        Body.CanBacktrack || (Mode != RepeatMode.Possessive && Min != Max);

    public override bool CollectFirst(List<RangeSet> first) => Body.CollectFirst(first) || Min == 0;
}

/// <summary><c>(?&gt;...)</c>: once the body has matched, its other ways of matching are discarded.</summary>
internal sealed class AtomicNode(RegexNode body) : RegexNode
{
    public RegexNode Body { get; } = body;

    public override bool CanBeEmpty => Body.CanBeEmpty;
    public override int? FixedLength => Body.FixedLength;
    public override bool CanBacktrack => false;
    public override bool CollectFirst(List<RangeSet> first) => Body.CollectFirst(first);
}

/// <summary>Lookahead or lookbehind, positive or negative; atomic and zero-width.</summary>
internal sealed class LookaroundNode(RegexNode body, bool behind, bool negated, int position) : RegexNode
{
    public RegexNode Body { get; } = body;
    public bool Behind { get; } = behind;
    public bool Negated { get; } = negated;
    /// <summary>Where the group starts in the pattern, for error messages.</summary>
    public int Position { get; } = position;

    public override bool CanBeEmpty => true;
    public override int? FixedLength => 0;
    public override bool CanBacktrack => false;
    public override bool CollectFirst(List<RangeSet> first) => true;
}

/// <summary>A zero-width assertion (<c>^ $ \A \z \b \B \&lt; \&gt;</c>).</summary>
internal sealed class AssertionNode(AssertionKind kind) : RegexNode
{
    public AssertionKind Kind { get; } = kind;

    public override bool CanBeEmpty => true;
    public override int? FixedLength => 0;
    public override bool CanBacktrack => false;
    public override bool CollectFirst(List<RangeSet> first) => true;
}
