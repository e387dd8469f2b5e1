using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// Runs a <see cref="RegexProgram"/> anchored at one position with an explicit backtracking stack
/// (<see cref="MatchScratch"/>): no recursion per code point, so a million-character piece costs heap, not stack.
/// </summary>
/// <remarks>
/// Choice points are <see cref="FrameKind.Branch"/> frames pushed by <see cref="OpCode.Split"/>. A run of one set
/// (<see cref="OpCode.Run"/>) pushes at most one frame for the whole run: a greedy run gives back one code point per
/// backtrack by stepping back over the UTF-8 text, a lazy run takes one more. Atomic groups and lookarounds push a
/// marker and, once their body has matched, cut the stack back to it, which discards the body's choice points.
/// </remarks>
internal static class Backtracker
{
    private static readonly Lazy<CodePointSet> s_word = new(() => new CodePointSet(UnicodeTables.Word));

    /// <summary>The end of the match starting exactly at <paramref name="start"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Execute(RegexProgram program, ReadOnlySpan<byte> text, int start, MatchScratch scratch)
    {
        Instruction[] code = program.Code;
        CodePointSet[] sets = program.Sets;
        int pc = 0, pos = start;
        scratch.Count = 0;
        while (true)
        {
            ref Instruction ins = ref code[pc];
            switch (ins.Op)
            {
                case OpCode.Match:
                    return pos;

                case OpCode.Char:
                    if (pos < text.Length)
                    {
                        int cp = CodePoints.Decode(text, pos, out int length);
                        if (sets[ins.A].Contains(cp))
                        {
                            pos += length;
                            pc++;
                            continue;
                        }
                    }
                    break;

                case OpCode.Run:
                    {
                        int end = MatchRun(text, pos, sets[ins.A], ins.B, ins.C, ins.Mode, pc, scratch);
                        if (end < 0)
                            break;
                        pos = end;
                        pc++;
                        continue;
                    }

                case OpCode.Split:
                    scratch.Push(FrameKind.Branch, ins.B, pos, 0);
                    pc = ins.A;
                    continue;

                case OpCode.Jump:
                    pc = ins.A;
                    continue;

                case OpCode.Assert:
                    if (!Holds((AssertionKind)ins.A, text, pos))
                        break;
                    pc++;
                    continue;

                case OpCode.Peek:
                    {
                        bool inSet = pos < text.Length && sets[ins.A].Contains(CodePoints.Decode(text, pos, out _));
                        if (inSet == ins.Negated)
                            break;
                        pc++;
                        continue;
                    }

                case OpCode.AtomicBegin:
                    scratch.Push(FrameKind.AtomicMarker, 0, pos, pc);
                    pc++;
                    continue;

                case OpCode.AtomicEnd:
                    scratch.Count = scratch.FindMarker(FrameKind.AtomicMarker, ins.A);
                    pc++;
                    continue;

                case OpCode.LookBegin:
                    scratch.Push(FrameKind.LookMarker, 0, pos, pc);
                    pc++;
                    continue;

                case OpCode.LookEnd:
                    {
                        int marker = scratch.FindMarker(FrameKind.LookMarker, ins.A);
                        pos = scratch.Frames[marker].Pos;
                        scratch.Count = marker;
                        pc++;
                        continue;
                    }

                case OpCode.NegLookBegin:
                    scratch.Push(FrameKind.NegLookMarker, ins.A, pos, pc);
                    pc++;
                    continue;

                case OpCode.NegLookEnd:
                    // The body matched: discard it and the marker, and fail.
                    scratch.Count = scratch.FindMarker(FrameKind.NegLookMarker, ins.A);
                    break;

                case OpCode.GoBack:
                    {
                        int p = pos;
                        for (int n = ins.A; n > 0 && p >= 0; n--)
                            p = p > 0 ? CodePoints.Previous(text, p, 0) : -1;
                        if (p < 0)
                            break;
                        pos = p;
                        pc++;
                        continue;
                    }

                case OpCode.SaveMark:
                    scratch.Push(FrameKind.RestoreMark, ins.A, scratch.Marks[ins.A], 0);
                    scratch.Marks[ins.A] = pos;
                    pc++;
                    continue;

                case OpCode.LoopCheck:
                    pc = pos == scratch.Marks[ins.A] ? ins.B : pc + 1;
                    continue;

                default:
                    throw new InvalidOperationException($"Unknown instruction {ins.Op}.");
            }

            if (!Backtrack(program, text, scratch, ref pc, ref pos))
                return -1;
        }
    }

    /// <summary>
    /// Matches <paramref name="min"/> code points of <paramref name="set"/> then, unless lazy, up to
    /// <paramref name="max"/>; pushes the run's single frame; returns the end, or -1 if fewer than min matched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchRun(ReadOnlySpan<byte> text, int pos, CodePointSet set, int min, int max, RepeatMode mode,
        int pc, MatchScratch scratch)
    {
        int count = 0;
        while (count < min)
        {
            if (pos >= text.Length || !set.Contains(CodePoints.Decode(text, pos, out int length)))
                return -1;
            pos += length;
            count++;
        }
        if (mode == RepeatMode.Lazy)
        {
            if (count < max)
                scratch.Push(FrameKind.RunLazy, pc, pos, count);
            return pos;
        }
        int minEnd = pos;
        while (count < max && pos < text.Length && set.Contains(CodePoints.Decode(text, pos, out int length)))
        {
            pos += length;
            count++;
        }
        if (mode == RepeatMode.Greedy && pos > minEnd)
            scratch.Push(FrameKind.RunGreedy, pc, pos, minEnd);
        return pos;
    }

    /// <summary>Resumes at the most recent choice point; false when there is none left (no match here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Backtrack(RegexProgram program, ReadOnlySpan<byte> text, MatchScratch scratch, ref int pc, ref int pos)
    {
        Frame[] frames = scratch.Frames;
        int count = scratch.Count;
        while (count > 0)
        {
            ref Frame frame = ref frames[count - 1];
            switch (frame.Kind)
            {
                case FrameKind.Branch:
                case FrameKind.NegLookMarker:
                    pc = frame.Pc;
                    pos = frame.Pos;
                    scratch.Count = count - 1;
                    return true;

                case FrameKind.RunGreedy:
                    {
                        // Give back one code point; the frame goes once the run is down to its minimum.
                        int p = CodePoints.Previous(text, frame.Pos, frame.Extra);
                        frame.Pos = p;
                        if (p <= frame.Extra)
                            count--;
                        scratch.Count = count;
                        pc = frame.Pc + 1;
                        pos = p;
                        return true;
                    }

                case FrameKind.RunLazy:
                    {
                        // Take one more code point, if the set allows it.
                        ref Instruction run = ref program.Code[frame.Pc];
                        if (frame.Pos < text.Length
                            && program.Sets[run.A].Contains(CodePoints.Decode(text, frame.Pos, out int length)))
                        {
                            frame.Pos += length;
                            frame.Extra++;
                            pc = frame.Pc + 1;
                            pos = frame.Pos;
                            if (frame.Extra >= run.C)
                                count--;
                            scratch.Count = count;
                            return true;
                        }
                        count--;
                        continue;
                    }

                case FrameKind.RestoreMark:
                    scratch.Marks[frame.Pc] = frame.Pos;
                    count--;
                    continue;

                default:
                    // A marker of an atomic group or positive lookaround whose body failed.
                    count--;
                    continue;
            }
        }
        scratch.Count = 0;
        return false;
    }

    private static bool Holds(AssertionKind kind, ReadOnlySpan<byte> text, int pos) => kind switch
    {
        AssertionKind.StartText => pos == 0,
        AssertionKind.EndText => pos == text.Length,
        AssertionKind.StartLine => pos == 0 || text[pos - 1] == (byte)'\n',
        AssertionKind.EndLine => pos == text.Length || text[pos] == (byte)'\n',
        AssertionKind.StartLineNotAtEnd => pos == 0 || (text[pos - 1] == (byte)'\n' && pos < text.Length),
        AssertionKind.WordBoundary => WordBefore(text, pos) != WordAfter(text, pos),
        AssertionKind.NotWordBoundary => WordBefore(text, pos) == WordAfter(text, pos),
        AssertionKind.WordStart => !WordBefore(text, pos) && WordAfter(text, pos),
        AssertionKind.WordEnd => WordBefore(text, pos) && !WordAfter(text, pos),
        _ => false,
    };

    private static bool WordBefore(ReadOnlySpan<byte> text, int pos) =>
        pos > 0 && s_word.Value.Contains(CodePoints.Decode(text, CodePoints.Previous(text, pos, 0), out _));

    private static bool WordAfter(ReadOnlySpan<byte> text, int pos) =>
        pos < text.Length && s_word.Value.Contains(CodePoints.Decode(text, pos, out _));
}
