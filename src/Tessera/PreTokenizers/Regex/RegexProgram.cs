namespace Tessera.PreTokenizers.Regex;

/// <summary>A compiled pattern: immutable, shared by every thread.</summary>
internal sealed class RegexProgram(
    Instruction[] code, CodePointSet[] sets, int markCount, CodePointSet? firstSet, bool canBeEmpty, bool anchoredAtStart, byte[] prefix)
{
    public Instruction[] Code { get; } = code;

    public CodePointSet[] Sets { get; } = sets;

    /// <summary>The number of loop marks (<see cref="OpCode.SaveMark"/>) a match needs.</summary>
    public int MarkCount { get; } = markCount;

    /// <summary>The code points a match can start with, or null when any start is possible (or the match can be empty).</summary>
    public CodePointSet? FirstSet { get; } = firstSet;

    /// <summary>The UTF-8 every match starts with (<see cref="LiteralPrefix"/>; empty when none is known).</summary>
    public byte[] Prefix { get; } = prefix;

    /// <summary>Whether a match can be empty (so every position, the end included, is a candidate).</summary>
    public bool CanBeEmpty { get; } = canBeEmpty;

    /// <summary>Whether every match starts at the start of the text (<c>^</c> or <c>\A</c> first).</summary>
    public bool AnchoredAtStart { get; } = anchoredAtStart;

    public override string ToString() =>
        string.Join("\n", Code.Select((instruction, pc) => $"{pc,4}: {instruction}"));
}
