using System.Runtime.CompilerServices;

namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// A backtracking regular expression over the Unicode code points of UTF-8 text, with the semantics of Rust's
/// <c>fancy-regex</c> as tiktoken uses it: leftmost-first, alternatives in order, greedy/lazy/possessive quantifiers,
/// atomic groups, lookaround, Unicode classes on whole code points and simple case folding. Positions are byte offsets.
/// See docs/algorithms/code-point-regex.md.
/// </summary>
/// <remarks>Immutable once parsed: any number of threads may match concurrently (scratch state is per thread).</remarks>
internal sealed class CodePointRegex
{
    private readonly RegexProgram _program;

    private CodePointRegex(string pattern, RegexProgram program)
    {
        Pattern = pattern;
        _program = program;
    }

    /// <summary>The pattern this was compiled from.</summary>
    public string Pattern { get; }

    /// <summary>The compiled program (for tests and diagnostics).</summary>
    internal RegexProgram Program => _program;

    /// <summary>Parses and compiles <paramref name="pattern"/> as <paramref name="dialect"/> reads it.</summary>
    /// <exception cref="ArgumentException">The pattern is malformed (the message names the position).</exception>
    /// <exception cref="NotSupportedException">The pattern uses a construct this engine does not implement.</exception>
    public static CodePointRegex Parse(string pattern, RegexDialect dialect = RegexDialect.Rust)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new CodePointRegex(pattern, RegexCompiler.Compile(RegexParser.Parse(pattern, dialect)));
    }

    /// <summary>
    /// The leftmost-first match starting at or after byte <paramref name="from"/>: each code-point boundary is tried in
    /// order and the first position where the pattern matches wins, with the match its backtracking order finds first.
    /// The text before <paramref name="from"/> is still seen by <c>^</c>, <c>\b</c> and lookbehind. The match may be empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryMatch(ReadOnlySpan<byte> utf8, int from, out int matchStart, out int matchEnd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, utf8.Length);
        RegexProgram program = _program;
        CodePointSet? first = program.FirstSet;
        ReadOnlySpan<byte> prefix = program.Prefix;
        MatchScratch scratch = MatchScratch.Rent(program.MarkCount);
        try
        {
            for (int p = from; ;)
            {
                if (!prefix.IsEmpty)
                {
                    // Every match starts with the prefix: skip to its next occurrence (at a code point's start, as
                    // its first byte is not a continuation byte), or stop when there is none.
                    int found = p < utf8.Length ? utf8[p..].IndexOf(prefix) : -1;
                    if (found < 0)
                        break;
                    p += found;
                }
                if (program.AnchoredAtStart && p > 0)
                    break;
                bool candidate;
                int length = 0;
                if (p < utf8.Length)
                {
                    int cp = CodePoints.Decode(utf8, p, out length);
                    candidate = first is null || first.Contains(cp);
                }
                else
                {
                    candidate = program.CanBeEmpty;
                }
                if (candidate)
                {
                    int end = Backtracker.Execute(program, utf8, p, scratch);
                    if (end >= 0)
                    {
                        matchStart = p;
                        matchEnd = end;
                        return true;
                    }
                }
                if (p >= utf8.Length)
                    break;
                p += length;
            }
        }
        finally
        {
            MatchScratch.Return(scratch);
        }
        matchStart = matchEnd = -1;
        return false;
    }

    public override string ToString() => Pattern;
}
