using Tessera.PreTokenizers;
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
    /// one empty non-match. A regular expression's empty matches are reported (as empty ranges flagged as matches), as
    /// Oniguruma's <c>find_iter</c> finds them: an empty match right where the previous match ended is skipped.
    /// </summary>
    public abstract List<PatternMatch> FindMatches(ReadOnlySpan<byte> text);

    /// <summary>
    /// A literal string. Hugging Face compiles a literal into an escaped regular expression, so the empty literal
    /// matches the empty string at every character boundary.
    /// </summary>
    public static Pattern Literal(string text) => text.Length == 0 ? Regex("") : new LiteralPattern(Utf8Chars.Bytes(text));

    /// <summary>
    /// A regular expression, read as Oniguruma reads it unless <paramref name="dialect"/> says otherwise. One of the
    /// <see cref="KnownPatterns"/> is compiled at first use (a lowered pipeline never uses it); any other at once, so a
    /// malformed one is refused when the tokenizer is loaded.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is malformed.</exception>
    /// <exception cref="NotSupportedException">The pattern uses a construct the engine does not implement.</exception>
    public static Pattern Regex(string pattern, RegexDialect dialect = RegexDialect.Oniguruma) =>
        new RegexPattern(KnownPatterns.Contains(pattern)
            ? new Lazy<CodePointRegex>(() => CodePointRegex.Parse(pattern, dialect))
            : new Lazy<CodePointRegex>(CodePointRegex.Parse(pattern, dialect)));

    /// <summary>Each code point <paramref name="isMatch"/> accepts is a match of its own.</summary>
    public static Pattern CodePoints(Func<int, bool> isMatch) => new CodePointPattern(isMatch);

    /// <summary>Turns match ranges (empty ones included) into the covering list (Hugging Face's <c>find_matches</c>).</summary>
    protected static List<PatternMatch> Cover(int length, List<PatternMatch> matches)
    {
        var result = new List<PatternMatch>();
        if (length == 0)
        {
            result.Add(new(0, 0, false));
            return result;
        }
        int previous = 0;
        foreach (PatternMatch match in matches)
        {
            if (match.Start > previous)
                result.Add(new(previous, match.Start, false));
            result.Add(match);
            previous = match.End;
        }
        if (previous < length)
            result.Add(new(previous, length, false));
        return result;
    }

    private sealed class LiteralPattern(byte[] literal) : Pattern
    {
        public override List<PatternMatch> FindMatches(ReadOnlySpan<byte> text)
        {
            var matches = new List<PatternMatch>();
            for (int at = 0; at <= text.Length - literal.Length;)
            {
                int found = text[at..].IndexOf(literal);
                if (found < 0)
                    break;
                matches.Add(new(at + found, at + found + literal.Length, true));
                at += found + literal.Length;
            }
            return Cover(text.Length, matches);
        }
    }

    private sealed class RegexPattern(Lazy<CodePointRegex> compiled) : Pattern
    {
        public override List<PatternMatch> FindMatches(ReadOnlySpan<byte> text)
        {
            CodePointRegex regex = compiled.Value;
            var matches = new List<PatternMatch>();
            if (text.IsEmpty)
                return Cover(0, matches);
            int previousEnd = -1;
            for (int p = 0; p <= text.Length && regex.TryMatch(text, p, out int start, out int end);)
            {
                if (end == start)
                {
                    // The next search starts a character later; an empty match where the last match ended is skipped.
                    p = start < text.Length ? start + Utf8Chars.LengthAt(text, start) : text.Length + 1;
                    if (end == previousEnd)
                        continue;
                }
                else
                {
                    p = end;
                }
                matches.Add(new(start, end, true));
                previousEnd = end;
            }
            return Cover(text.Length, matches);
        }
    }

    private sealed class CodePointPattern(Func<int, bool> isMatch) : Pattern
    {
        public override List<PatternMatch> FindMatches(ReadOnlySpan<byte> text)
        {
            var matches = new List<PatternMatch>();
            for (int i = 0; i < text.Length;)
            {
                int c = Utf8Chars.Decode(text, i, out int length);
                if (isMatch(c))
                    matches.Add(new(i, i + length, true));
                i += length;
            }
            return Cover(text.Length, matches);
        }
    }
}
