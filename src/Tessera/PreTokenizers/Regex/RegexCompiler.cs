namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// Compiles <see cref="RegexNode"/>s to a <see cref="RegexProgram"/> for the <see cref="Backtracker"/>.
/// A quantifier over one code point becomes one <see cref="OpCode.Run"/>; other counted repetitions are unrolled,
/// bounded by <see cref="MaxInstructions"/>.
/// </summary>
internal sealed class RegexCompiler
{
    /// <summary>The largest program accepted (unrolled counted repetitions of groups can grow fast).</summary>
    public const int MaxInstructions = 250_000;

    private readonly List<Instruction> _code = [];
    private readonly List<CodePointSet> _sets = [];
    private readonly Dictionary<RangeSet, int> _setIndex = new(ReferenceEqualityComparer.Instance);
    private int _marks;

    public static RegexProgram Compile(RegexNode root)
    {
        var compiler = new RegexCompiler();
        compiler.Emit(root);
        compiler.Add(new Instruction { Op = OpCode.Match });

        var first = new List<RangeSet>();
        bool canBeEmpty = root.CollectFirst(first);
        CodePointSet? firstSet = null;
        if (!canBeEmpty)
        {
            RangeSet union = RangeSet.Empty;
            foreach (RangeSet set in first)
                union = union.Union(set);
            if (!union.IsAll)
                firstSet = new CodePointSet(union);
        }
        return new RegexProgram([.. compiler._code], [.. compiler._sets], compiler._marks, firstSet, canBeEmpty,
            AnchoredAtStart(root), LiteralPrefix.Of(root));
    }

    private static bool AnchoredAtStart(RegexNode node) => node switch
    {
        AssertionNode a => a.Kind == AssertionKind.StartText,
        ConcatNode c => AnchoredAtStart(c.Items[0]),
        AlternationNode a => a.Alternatives.All(AnchoredAtStart),
        AtomicNode a => AnchoredAtStart(a.Body),
        RepeatNode r => r.Min > 0 && AnchoredAtStart(r.Body),
        _ => false,
    };

    private int Pc => _code.Count;

    private int Add(Instruction instruction)
    {
        if (_code.Count >= MaxInstructions)
            throw new NotSupportedException(
                $"Regular expression too large: it compiles to more than {MaxInstructions} instructions (counted repetitions of groups are unrolled).");
        _code.Add(instruction);
        return _code.Count - 1;
    }

    private void Patch(int pc, int? a = null, int? b = null)
    {
        Instruction instruction = _code[pc];
        instruction.A = a ?? instruction.A;
        instruction.B = b ?? instruction.B;
        _code[pc] = instruction;
    }

    private int SetIndex(RangeSet set)
    {
        if (!_setIndex.TryGetValue(set, out int index))
        {
            index = _sets.Count;
            _sets.Add(new CodePointSet(set));
            _setIndex[set] = index;
        }
        return index;
    }

    private void Emit(RegexNode node)
    {
        switch (node)
        {
            case EmptyNode:
                break;
            case SetNode set:
                Add(new Instruction { Op = OpCode.Char, A = SetIndex(set.Set) });
                break;
            case ConcatNode concat:
                foreach (RegexNode item in concat.Items)
                    Emit(item);
                break;
            case AlternationNode alternation:
                EmitAlternation(alternation.Alternatives);
                break;
            case RepeatNode repeat:
                EmitRepeat(repeat);
                break;
            case AtomicNode atomic:
                EmitAtomic(atomic.Body);
                break;
            case LookaroundNode look:
                EmitLookaround(look);
                break;
            case AssertionNode assertion:
                Add(new Instruction { Op = OpCode.Assert, A = (int)assertion.Kind });
                break;
            default:
                throw new InvalidOperationException($"Unknown node {node.GetType().Name}.");
        }
    }

    private void EmitAlternation(RegexNode[] alternatives)
    {
        var jumps = new List<int>();
        for (int i = 0; i < alternatives.Length - 1; i++)
        {
            int split = Add(new Instruction { Op = OpCode.Split });
            Patch(split, a: Pc);
            Emit(alternatives[i]);
            jumps.Add(Add(new Instruction { Op = OpCode.Jump }));
            Patch(split, b: Pc);
        }
        Emit(alternatives[^1]);
        foreach (int jump in jumps)
            Patch(jump, a: Pc);
    }

    private void EmitAtomic(RegexNode body)
    {
        if (!body.CanBacktrack)
        {
            Emit(body); // nothing to discard
            return;
        }
        int begin = Add(new Instruction { Op = OpCode.AtomicBegin });
        Emit(body);
        Add(new Instruction { Op = OpCode.AtomicEnd, A = begin });
    }

    private void EmitRepeat(RepeatNode repeat)
    {
        if (repeat.Max == 0)
            return;
        if (repeat.Body is SetNode set)
        {
            int index = SetIndex(set.Set);
            Add(repeat.Min == 1 && repeat.Max == 1
                ? new Instruction { Op = OpCode.Char, A = index }
                : new Instruction { Op = OpCode.Run, A = index, B = repeat.Min, C = repeat.Max, Mode = repeat.Mode });
            return;
        }
        if (repeat.Mode == RepeatMode.Possessive)
        {
            EmitAtomic(new RepeatNode(repeat.Body, repeat.Min, repeat.Max, RepeatMode.Greedy));
            return;
        }

        bool greedy = repeat.Mode == RepeatMode.Greedy;
        RegexNode body = repeat.Body;
        if (repeat.Max == RegexNode.Unbounded)
        {
            for (int i = 0; i < repeat.Min - 1; i++)
                Emit(body);
            if (repeat.Min == 0)
                EmitStar(body, greedy);
            else
                EmitPlus(body, greedy);
            return;
        }

        for (int i = 0; i < repeat.Min; i++)
            Emit(body);
        // (?:body(?:body(?:...)?)?)? : each optional copy may be skipped, which skips the rest.
        var splits = new List<int>();
        for (int i = repeat.Min; i < repeat.Max; i++)
        {
            splits.Add(Add(new Instruction { Op = OpCode.Split }));
            Emit(body);
        }
        int exit = Pc;
        foreach (int split in splits)
        {
            if (greedy)
                Patch(split, a: split + 1, b: exit);
            else
                Patch(split, a: exit, b: split + 1);
        }
    }

    /// <summary><c>body*</c>: <c>L: Split(B, exit); B: [SaveMark] body [LoopCheck exit]; Jump L; exit:</c>.</summary>
    private void EmitStar(RegexNode body, bool greedy)
    {
        int loop = Add(new Instruction { Op = OpCode.Split });
        int start = Pc;
        int check = EmitIteration(body);
        Add(new Instruction { Op = OpCode.Jump, A = loop });
        int exit = Pc;
        if (greedy)
            Patch(loop, a: start, b: exit);
        else
            Patch(loop, a: exit, b: start);
        if (check >= 0)
            Patch(check, b: exit);
    }

    /// <summary><c>body+</c>: <c>L: [SaveMark] body [LoopCheck exit]; Split(L, exit); exit:</c>.</summary>
    private void EmitPlus(RegexNode body, bool greedy)
    {
        int start = Pc;
        int check = EmitIteration(body);
        int split = Add(new Instruction { Op = OpCode.Split });
        int exit = Pc;
        if (greedy)
            Patch(split, a: start, b: exit);
        else
            Patch(split, a: exit, b: start);
        if (check >= 0)
            Patch(check, b: exit);
    }

    /// <summary>One loop iteration; when the body can be empty, guarded so an empty iteration ends the loop.</summary>
    private int EmitIteration(RegexNode body)
    {
        if (!body.CanBeEmpty)
        {
            Emit(body);
            return -1;
        }
        int mark = _marks++;
        Add(new Instruction { Op = OpCode.SaveMark, A = mark });
        Emit(body);
        return Add(new Instruction { Op = OpCode.LoopCheck, A = mark });
    }

    private void EmitLookaround(LookaroundNode look)
    {
        if (!look.Behind && look.Body is SetNode set)
        {
            Add(new Instruction { Op = OpCode.Peek, A = SetIndex(set.Set), Negated = look.Negated });
            return;
        }
        int back = 0;
        if (look.Behind)
        {
            if (look.Body.FixedLength is int length)
            {
                back = length;
            }
            else if (look.Body is AlternationNode alternation && alternation.Alternatives.All(a => a.FixedLength is not null))
            {
                // As fancy-regex: (?<=a|bc) is (?<=a)|(?<=bc), and (?<!a|bc) is (?<!a)(?<!bc).
                var parts = alternation.Alternatives.Select(a => (RegexNode)new LookaroundNode(a, true, look.Negated, look.Position)).ToArray();
                Emit(look.Negated ? new ConcatNode(parts) : new AlternationNode(parts));
                return;
            }
            else
            {
                throw new NotSupportedException(
                    $"Regular expression construct not supported: variable-length lookbehind at position {look.Position}.");
            }
        }

        int begin = Add(new Instruction { Op = look.Negated ? OpCode.NegLookBegin : OpCode.LookBegin });
        if (back > 0)
            Add(new Instruction { Op = OpCode.GoBack, A = back });
        Emit(look.Body);
        Add(new Instruction { Op = look.Negated ? OpCode.NegLookEnd : OpCode.LookEnd, A = begin });
        if (look.Negated)
            Patch(begin, a: Pc);
    }
}
