using Tessera.PreTokenizers.Regex;

namespace Tessera.Text;

/// <summary>
/// What a split or replace looks for: a literal string, a regular expression (Oniguruma/Rust semantics on code
/// points, run by <see cref="CodePointRegex"/>), or a set of code points (Hugging Face's <c>Pattern</c>).
/// </summary>
internal abstract class Pattern
{
    /// <summary>
    /// The text cut into consecutive ranges that together cover it, each flagged as a match or not; an empty text gives
    /// one empty non-match. Empty matches are not reported.
    /// </summary>
    public abstract List<(int Start, int End, bool IsMatch)> FindMatches(ReadOnlySpan<byte> text);

    /// <summary>A literal string.</summary>
    public static Pattern Literal(string text) => new LiteralPattern(Utf8Chars.Bytes(text));

    /// <summary>A regular expression.</summary>
    /// <exception cref="ArgumentException">The pattern is malformed.</exception>
    /// <exception cref="NotSupportedException">The pattern uses a construct the engine does not implement.</exception>
    public static Pattern Regex(string pattern) => new RegexPattern(CodePointRegex.Parse(pattern));

    /// <summary>Each code point <paramref name="isMatch"/> accepts is a match of its own.</summary>
    public static Pattern CodePoints(Func<int, bool> isMatch) => new CodePointPattern(isMatch);

    /// <summary>Turns match ranges into the covering list.</summary>
    protected static List<(int, int, bool)> Cover(int length, IEnumerable<(int Start, int End)> matches)
    {
        var result = new List<(int, int, bool)>();
        int previous = 0;
        foreach ((int start, int end) in matches)
        {
            if (end == start)
                continue;
            if (start > previous)
                result.Add((previous, start, false));
            result.Add((start, end, true));
            previous = end;
        }
        if (previous < length || result.Count == 0)
            result.Add((previous, length, false));
        return result;
    }

    private sealed class LiteralPattern(byte[] literal) : Pattern
    {
        public override List<(int, int, bool)> FindMatches(ReadOnlySpan<byte> text)
        {
            if (literal.Length == 0)
                return [(0, text.Length, false)];
            var matches = new List<(int, int)>();
            for (int at = 0; at <= text.Length - literal.Length;)
            {
                int found = text[at..].IndexOf(literal);
                if (found < 0)
                    break;
                matches.Add((at + found, at + found + literal.Length));
                at += found + literal.Length;
            }
            return Cover(text.Length, matches);
        }
    }

    private sealed class RegexPattern(CodePointRegex regex) : Pattern
    {
        public override List<(int, int, bool)> FindMatches(ReadOnlySpan<byte> text)
        {
            var matches = new List<(int, int)>();
            for (int p = 0; p <= text.Length && regex.TryMatch(text, p, out int start, out int end);)
            {
                if (end > start)
                {
                    matches.Add((start, end));
                    p = end;
                }
                else
                {
                    if (start >= text.Length)
                        break;
                    p = start + Utf8Chars.LengthAt(text, start);
                }
            }
            return Cover(text.Length, matches);
        }
    }

    private sealed class CodePointPattern(Func<int, bool> isMatch) : Pattern
    {
        public override List<(int, int, bool)> FindMatches(ReadOnlySpan<byte> text)
        {
            var matches = new List<(int, int)>();
            for (int i = 0; i < text.Length;)
            {
                int c = Utf8Chars.Decode(text, i, out int length);
                if (isMatch(c))
                    matches.Add((i, i + length));
                i += length;
            }
            return Cover(text.Length, matches);
        }
    }
}
