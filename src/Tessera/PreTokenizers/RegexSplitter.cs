using Tessera.PreTokenizers.Regex;

namespace Tessera.PreTokenizers;

/// <summary>
/// The general-path splitter: any tiktoken pattern, run by the <see cref="CodePointRegex"/> engine with Rust
/// <c>find_iter</c> semantics. Slower than the hand-written splitters, which cover the built-in patterns.
/// </summary>
internal readonly struct RegexSplitter : IPieceSplitter
{
    private readonly CodePointRegex _regex;

    public RegexSplitter(CodePointRegex regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        _regex = regex;
    }

    /// <summary>
    /// The next non-empty match at or after <paramref name="from"/>. An empty match at p is skipped and the search goes
    /// on from the code point after p, as Rust's <c>find_iter</c> does (which never yields it as a piece either).
    /// </summary>
    public int NextPiece(ReadOnlySpan<byte> text, int from, out int start)
    {
        int p = from;
        while (p <= text.Length && _regex.TryMatch(text, p, out int matchStart, out int matchEnd))
        {
            if (matchEnd > matchStart)
            {
                start = matchStart;
                return matchEnd;
            }
            if (matchStart >= text.Length)
                break;
            p = matchStart + CodePoints.Length(text, matchStart);
        }
        start = from;
        return -1;
    }
}
