namespace Tessera.PreTokenizers.Regex;

/// <summary>The instructions of a compiled pattern (see <see cref="Instruction"/> for their operands).</summary>
internal enum OpCode : byte
{
    /// <summary>The pattern matched: the match ends at the current position.</summary>
    Match,
    /// <summary>One code point in set <c>A</c>.</summary>
    Char,
    /// <summary><c>B</c> to <c>C</c> code points of set <c>A</c>, in <see cref="Instruction.Mode"/> (no frame per code point).</summary>
    Run,
    /// <summary>Continue at <c>A</c>; on failure, resume at <c>B</c> from the same position.</summary>
    Split,
    /// <summary>Continue at <c>A</c>.</summary>
    Jump,
    /// <summary>The zero-width assertion <c>(AssertionKind)A</c>.</summary>
    Assert,
    /// <summary>One-code-point lookahead: the next code point is (or, if <see cref="Instruction.Negated"/>, is not) in set <c>A</c>.</summary>
    Peek,
    /// <summary>Start of an atomic group: pushes a marker.</summary>
    AtomicBegin,
    /// <summary>End of the atomic group starting at <c>A</c>: drops the choice points above its marker.</summary>
    AtomicEnd,
    /// <summary>Start of a positive lookaround: pushes a marker holding the position.</summary>
    LookBegin,
    /// <summary>End of the positive lookaround starting at <c>A</c>: drops its choice points and restores the position.</summary>
    LookEnd,
    /// <summary>Start of a negative lookaround whose continuation is <c>A</c>: if the body fails, matching resumes there.</summary>
    NegLookBegin,
    /// <summary>End of the body of the negative lookaround starting at <c>A</c>: the body matched, so the lookaround fails.</summary>
    NegLookEnd,
    /// <summary>Moves back <c>A</c> code points (lookbehind); fails at the start of the text.</summary>
    GoBack,
    /// <summary>Remembers the position in mark <c>A</c> (start of an iteration of a loop whose body can be empty).</summary>
    SaveMark,
    /// <summary>If the position equals mark <c>A</c> (the iteration consumed nothing), leaves the loop for <c>B</c>.</summary>
    LoopCheck,
}

/// <summary>One instruction: an <see cref="OpCode"/> and its operands.</summary>
internal struct Instruction
{
    public OpCode Op;
    public RepeatMode Mode;
    public bool Negated;
    public int A;
    public int B;
    public int C;

    public override readonly string ToString() => Op switch
    {
        OpCode.Run => $"{Op} set{A} {{{B},{(C == RegexNode.Unbounded ? "" : C.ToString(System.Globalization.CultureInfo.InvariantCulture))}}} {Mode}",
        OpCode.Assert => $"{Op} {(AssertionKind)A}",
        OpCode.Peek => $"{Op} {(Negated ? "not " : "")}set{A}",
        _ => $"{Op} {A} {B}",
    };
}
