namespace Tessera.PreTokenizers.Regex;

/// <summary>
/// Parses the syntax of Rust's <c>fancy-regex</c>, or Oniguruma's as Hugging Face uses it (<see cref="RegexDialect"/>;
/// the subset listed in docs/algorithms/code-point-regex.md) into <see cref="RegexNode"/>s. Malformed patterns throw <see cref="ArgumentException"/> and valid but unsupported
/// constructs <see cref="NotSupportedException"/>, both naming the position (a UTF-16 index into the pattern).
/// </summary>
internal sealed class RegexParser
{
    private const int MaxDepth = 200;

    private static readonly RangeSet s_anyButNewLine = RangeSet.All.Except(RangeSet.Single('\n'));
    private static readonly RangeSet s_newLine = RangeSet.Single('\n');

    private readonly string _pattern;
    private readonly bool _oniguruma;
    private int _pos;
    private Flags _flags;
    private int _literal = -1; // the code point of the literal ParseAtom just returned, else -1
    private int _depth;

    [Flags]
    private enum Flags
    {
        None = 0,
        IgnoreCase = 1,
        Multiline = 2,
        DotAll = 4,
        Extended = 8,
    }

    private RegexParser(string pattern, RegexDialect dialect)
    {
        _pattern = pattern;
        _oniguruma = dialect == RegexDialect.Oniguruma;
    }

    /// <summary>Parses <paramref name="pattern"/> as <paramref name="dialect"/> reads it.</summary>
    public static RegexNode Parse(string pattern, RegexDialect dialect = RegexDialect.Rust)
    {
        var parser = new RegexParser(pattern, dialect);
        RegexNode node = parser.ParseAlternation();
        if (parser._pos < pattern.Length)
            throw parser.Error("unopened ')'", parser._pos);
        return node;
    }

    private bool IgnoreCase => (_flags & Flags.IgnoreCase) != 0;

    private bool AtEnd => _pos >= _pattern.Length;

    private char Current => _pattern[_pos];

    private bool At(string s) => string.CompareOrdinal(_pattern, _pos, s, 0, s.Length) == 0;

    private RegexNode ParseAlternation()
    {
        var alternatives = new List<RegexNode> { ParseConcat() };
        while (!AtEnd && Current == '|')
        {
            _pos++;
            alternatives.Add(ParseConcat());
        }
        return alternatives.Count == 1 ? alternatives[0] : new AlternationNode([.. alternatives]);
    }

    private RegexNode ParseConcat()
    {
        var items = new List<RegexNode>();
        List<int>? literals = null; // Oniguruma, case-insensitive: the code point of each unquantified literal, else -1
        while (true)
        {
            SkipTrivia();
            if (AtEnd || Current is '|' or ')')
                break;
            _literal = -1;
            RegexNode? atom = ParseAtom(out bool repeatable);
            if (atom is null)
                continue; // a flag group such as (?i): it changes the flags of the rest of the enclosing group
            int literal = _oniguruma && IgnoreCase ? _literal : -1;
            RegexNode item = ParseQuantifier(atom, repeatable);
            items.Add(item);
            if (literal >= 0 || literals is not null)
            {
                literals ??= [.. Enumerable.Repeat(-1, items.Count - 1)];
                literals.Add(ReferenceEquals(item, atom) ? literal : -1);
            }
        }
        if (literals is not null)
            FoldLiteralRuns(items, literals);
        return items.Count switch
        {
            0 => EmptyNode.Instance,
            1 => items[0],
            _ => new ConcatNode([.. items]),
        };
    }

    private RegexNode ParseQuantifier(RegexNode atom, bool repeatable)
    {
        SkipTrivia();
        if (AtEnd)
            return atom;
        int at = _pos;
        int min, max;
        switch (Current)
        {
            case '*':
                (min, max) = (0, RegexNode.Unbounded);
                _pos++;
                break;
            case '+':
                (min, max) = (1, RegexNode.Unbounded);
                _pos++;
                break;
            case '?':
                (min, max) = (0, 1);
                _pos++;
                break;
            case '{':
                if (!TryParseCounted(out min, out max, out int end))
                    return atom; // not a repetition: '{' is a literal, parsed next
                _pos = end;
                break;
            default:
                return atom;
        }
        if (!repeatable)
            throw Error("repetition of an assertion or lookaround", at);
        SkipTrivia();
        var mode = RepeatMode.Greedy;
        if (!AtEnd && Current == '?')
        {
            mode = RepeatMode.Lazy;
            _pos++;
        }
        if (!AtEnd && Current == '+')
        {
            _pos++;
            if (mode == RepeatMode.Lazy)
                return new AtomicNode(new RepeatNode(atom, min, max, RepeatMode.Lazy));
            mode = RepeatMode.Possessive;
        }
        return new RepeatNode(atom, min, max, mode);
    }

    /// <summary><c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c> or <c>{,m}</c> at <see cref="_pos"/>; false leaves '{' a literal.</summary>
    private bool TryParseCounted(out int min, out int max, out int end)
    {
        min = max = end = 0;
        int i = SkipTrivia(_pos + 1);
        int? low = ParseDecimal(ref i);
        i = SkipTrivia(i);
        if (i >= _pattern.Length)
            return false;
        if (_pattern[i] == '}')
        {
            if (low is null)
                return false;
            max = low.Value;
        }
        else if (_pattern[i] == ',')
        {
            i = SkipTrivia(i + 1);
            int? high = ParseDecimal(ref i);
            max = high ?? RegexNode.Unbounded;
            i = SkipTrivia(i);
            if (i >= _pattern.Length || _pattern[i] != '}')
                return false;
        }
        else
        {
            return false;
        }
        min = low ?? 0;
        end = i + 1;
        if (min > max)
            throw Error($"invalid repetition range {{{min},{max}}} (minimum greater than maximum)", _pos);
        return true;
    }

    private int? ParseDecimal(ref int i)
    {
        int start = i;
        long value = 0;
        while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
        {
            value = value * 10 + (_pattern[i] - '0');
            if (value >= RegexNode.Unbounded)
                throw Error("repetition count too large", start);
            i++;
        }
        return i > start ? (int)value : null;
    }

    /// <summary>One atom; null for a flag group. <paramref name="repeatable"/> is false for assertions and lookarounds.</summary>
    private RegexNode? ParseAtom(out bool repeatable)
    {
        repeatable = true;
        int start = _pos;
        switch (Current)
        {
            case '.':
                _pos++;
                return new SetNode((_flags & Flags.DotAll) != 0 ? RangeSet.All : s_anyButNewLine);
            case '^':
                _pos++;
                repeatable = false;
                return new AssertionNode(_oniguruma ? AssertionKind.StartLineNotAtEnd
                    : (_flags & Flags.Multiline) != 0 ? AssertionKind.StartLine : AssertionKind.StartText);
            case '$':
                _pos++;
                repeatable = false;
                return new AssertionNode(_oniguruma || (_flags & Flags.Multiline) != 0 ? AssertionKind.EndLine : AssertionKind.EndText);
            case '(':
                return ParseGroup(out repeatable);
            case '[':
                {
                    bool negated = _pos + 1 < _pattern.Length && _pattern[_pos + 1] == '^';
                    RangeSet set = ParseClass();
                    // Oniguruma: a case-insensitive class holding ß also matches "ss" (not a negated one).
                    return _oniguruma && IgnoreCase && !negated ? CaseFoldVariants.Class(set, Literal) : new SetNode(set);
                }
            case '\\':
                {
                    Escape escape = ParseEscape(inClass: false);
                    if (escape.Node is not null)
                    {
                        repeatable = false;
                        return escape.Node;
                    }
                    if (escape.Set is not null)
                        return new SetNode(escape.Set);
                    _literal = escape.CodePoint;
                    return new SetNode(Literal(escape.CodePoint));
                }
            case '*' or '+' or '?':
                throw Error($"repetition operator '{Current}' missing expression", start);
            case '{':
                if (TryParseCounted(out _, out _, out _))
                    throw Error("repetition operator '{' missing expression", start);
                _pos++;
                return new SetNode(Literal('{'));
            default:
                _literal = ReadCodePoint();
                return new SetNode(Literal(_literal));
        }
    }

    /// <summary>
    /// Oniguruma's multi-character case folding of a string: in each run of case-insensitive literals, a code point that
    /// folds to several (ß → ss) also matches them, and literals whose folds spell such a fold (ss, st, ff) also match
    /// the code points that fold to it (ß, ẞ; ﬅ, ﬆ; ﬀ). Runs without either are left as they are.
    /// </summary>
    private void FoldLiteralRuns(List<RegexNode> items, List<int> literals)
    {
        for (int end = items.Count; end > 0;)
        {
            if (literals[end - 1] < 0)
            {
                end--;
                continue;
            }
            int start = end - 1;
            while (start > 0 && literals[start - 1] >= 0)
                start--;
            int[] run = [.. literals.GetRange(start, end - start)];
            if (CaseFoldVariants.HasMultiCharFold(run))
            {
                items.RemoveRange(start, run.Length);
                items.Insert(start, CaseFoldVariants.Run(run, 0, Literal));
            }
            end = start;
        }
    }

    private RangeSet Literal(int codePoint)
    {
        if (!IgnoreCase)
            return RangeSet.Single(codePoint);
        var ranges = new List<(int, int)>();
        foreach (int member in CaseFolding.Orbit(codePoint))
            ranges.Add((member, member));
        return RangeSet.FromRanges(ranges, includesInvalid: false);
    }

    private RegexNode? ParseGroup(out bool repeatable)
    {
        int open = _pos;
        repeatable = true;
        _pos++;
        if (++_depth > MaxDepth)
            throw Unsupported($"groups nested more than {MaxDepth} deep", open);
        Flags saved = _flags;
        bool? behind = null;
        bool negated = false, atomic = false;
        if (At("?=") || At("?!"))
        {
            behind = false;
            negated = _pattern[_pos + 1] == '!';
            _pos += 2;
        }
        else if (At("?<=") || At("?<!"))
        {
            behind = true;
            negated = _pattern[_pos + 2] == '!';
            _pos += 3;
        }
        else if (At("?>"))
        {
            atomic = true;
            _pos += 2;
        }
        else if (At("?P<"))
        {
            _pos += 3;
            SkipGroupName('>', open);
        }
        else if (At("?<"))
        {
            _pos += 2;
            SkipGroupName('>', open);
        }
        else if (At("?'"))
        {
            _pos += 2;
            SkipGroupName('\'', open);
        }
        else if (At("?P=") || At("?P>") || At("?("))
        {
            throw Unsupported(At("?(") ? "conditional group" : At("?P=") ? "backreference" : "subroutine call", open);
        }
        else if (At("?"))
        {
            if (ParseFlags(open))
            {
                _depth--;
                return null; // (?flags): keeps applying until the end of the enclosing group
            }
        }

        RegexNode body = ParseAlternation();
        if (AtEnd)
            throw Error("unclosed group", open);
        _pos++; // ')'
        _flags = saved;
        _depth--;
        if (behind is bool isBehind)
        {
            repeatable = false;
            return new LookaroundNode(body, isBehind, negated, open);
        }
        return atomic ? new AtomicNode(body) : body;
    }

    private void SkipGroupName(char close, int open)
    {
        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
            _pos++;
        if (_pos == start || char.IsAsciiDigit(_pattern[start]) || AtEnd || Current != close)
            throw Error("invalid capture group name", open);
        _pos++;
    }

    /// <summary>At <c>?</c> of <c>(?flags)</c> or <c>(?flags:</c>; returns true for the first form (group closed).</summary>
    private bool ParseFlags(int open)
    {
        _pos++; // '?'
        bool negate = false, any = false;
        while (true)
        {
            if (AtEnd)
                throw Error("unclosed group", open);
            char c = Current;
            int at = _pos;
            _pos++;
            Flags flag;
            switch (c)
            {
                case 'i':
                    flag = Flags.IgnoreCase;
                    break;
                case 'm':
                    // Oniguruma's (Ruby's) m is "dot matches new line"; its ^ and $ are line anchors anyway.
                    flag = _oniguruma ? Flags.DotAll : Flags.Multiline;
                    break;
                case 's' when !_oniguruma:
                    flag = Flags.DotAll;
                    break;
                case 'x':
                    flag = Flags.Extended;
                    break;
                case 'u':
                    if (negate)
                        throw Unsupported("non-Unicode mode (?-u)", at);
                    any = true;
                    continue;
                case 'U':
                    throw Unsupported("swap-greed flag U", at);
                case 'R':
                    throw Unsupported("CRLF mode flag R", at);
                case '-':
                    if (negate)
                        throw Error("repeated '-' in flags", at);
                    negate = true;
                    any = false;
                    continue;
                case ')' or ':':
                    if (negate && !any)
                        throw Error("expected a flag after '-'", at);
                    if (c == ':')
                        return false; // (?:...) or (?flags:...)
                    if (!any)
                        throw Error("empty flag group", at);
                    return true;
                default:
                    throw Error($"unknown flag '{c}'", at);
            }
            _flags = negate ? _flags & ~flag : _flags | flag;
            any = true;
        }
    }

    /// <summary>A character class <c>[...]</c> at <see cref="_pos"/>.</summary>
    private RangeSet ParseClass()
    {
        int open = _pos;
        _pos++;
        bool negated = false;
        if (!AtEnd && Current == '^')
        {
            negated = true;
            _pos++;
        }
        RangeSet set = ParseClassOperand(open, first: true, out _);
        while (true)
        {
            if (AtEnd)
                throw Error("unclosed character class", open);
            if (Current == ']')
            {
                _pos++;
                break;
            }
            int at = _pos;
            string op = _pattern.Substring(_pos, 2);
            _pos += 2;
            RangeSet right = ParseClassOperand(open, first: false, out bool any);
            if (!any)
                throw Error($"missing operand after '{op}' in character class", at);
            set = op switch
            {
                "&&" => set.Intersect(right),
                "--" => set.Except(right),
                _ => set.SymmetricExcept(right),
            };
        }
        if (IgnoreCase)
            set = CaseFolding.Close(set);
        return negated ? set.Complement() : set;
    }

    /// <summary>The union of class items up to <c>]</c> or a set operator (<c>&amp;&amp;</c>, <c>--</c>, <c>~~</c>).</summary>
    private RangeSet ParseClassOperand(int open, bool first, out bool any)
    {
        var ranges = new List<(int Low, int High)>();
        RangeSet set = RangeSet.Empty;
        any = false;
        while (true)
        {
            SkipTrivia();
            if (AtEnd)
                throw Error("unclosed character class", open);
            char c = Current;
            if (c == ']' && (any || !first))
                break;
            if (any && (At("&&") || At("~~") || At("--")))
                break;
            any = true;
            int itemStart = _pos;
            if (c == '[')
            {
                set = set.Union(TryParsePosixClass() ?? ParseClass());
                continue;
            }
            ClassAtom low = ParseClassAtom();
            if (low.Set is not null)
            {
                set = set.Union(low.Set);
                continue;
            }
            SkipTrivia();
            if (!AtEnd && Current == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] is not (']' or '-'))
            {
                _pos++;
                SkipTrivia();
                if (AtEnd)
                    throw Error("unclosed character class", open);
                ClassAtom high = ParseClassAtom();
                if (high.Set is not null)
                    throw Error("invalid range bound (a class escape)", itemStart);
                if (high.CodePoint < low.CodePoint)
                    throw Error("invalid range (start greater than end)", itemStart);
                ranges.Add((low.CodePoint, high.CodePoint));
            }
            else
            {
                ranges.Add((low.CodePoint, low.CodePoint));
            }
        }
        return set.Union(RangeSet.FromRanges(ranges, includesInvalid: false));
    }

    private readonly record struct ClassAtom(int CodePoint, RangeSet? Set);

    private ClassAtom ParseClassAtom()
    {
        if (Current != '\\')
            return new ClassAtom(ReadCodePoint(), null);
        Escape escape = ParseEscape(inClass: true);
        return new ClassAtom(escape.CodePoint, escape.Set);
    }

    /// <summary>
    /// <c>[:name:]</c> or <c>[:^name:]</c> (ASCII classes); null (nothing consumed) if not one. Oniguruma's are Unicode
    /// classes built on properties .NET lacks (Alphabetic, Uppercase), so they are not supported in that dialect.
    /// </summary>
    private RangeSet? TryParsePosixClass()
    {
        if (!At("[:"))
            return null;
        int close = _pattern.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
        if (close < 0)
            return null;
        if (_oniguruma)
            throw Unsupported("POSIX bracket class in Oniguruma syntax (Unicode classes)", _pos);
        string name = _pattern[(_pos + 2)..close];
        bool negated = name.StartsWith('^');
        if (negated)
            name = name[1..];
        RangeSet? set = name switch
        {
            "alnum" => Ascii('0', '9', 'A', 'Z', 'a', 'z'),
            "alpha" => Ascii('A', 'Z', 'a', 'z'),
            "ascii" => Ascii(0, 0x7F),
            "blank" => Ascii('\t', '\t', ' ', ' '),
            "cntrl" => Ascii(0, 0x1F, 0x7F, 0x7F),
            "digit" => Ascii('0', '9'),
            "graph" => Ascii('!', '~'),
            "lower" => Ascii('a', 'z'),
            "print" => Ascii(' ', '~'),
            "punct" => Ascii('!', '/', ':', '@', '[', '`', '{', '~'),
            "space" => Ascii('\t', '\r', ' ', ' '),
            "upper" => Ascii('A', 'Z'),
            "word" => Ascii('0', '9', 'A', 'Z', 'a', 'z', '_', '_'),
            "xdigit" => Ascii('0', '9', 'A', 'F', 'a', 'f'),
            _ => null,
        };
        if (set is null)
            return null;
        _pos = close + 2;
        if (IgnoreCase)
            set = CaseFolding.Close(set);
        return negated ? set.Complement() : set;
    }

    private static RangeSet Ascii(params ReadOnlySpan<int> bounds)
    {
        var ranges = new List<(int, int)>();
        for (int i = 0; i < bounds.Length; i += 2)
            ranges.Add((bounds[i], bounds[i + 1]));
        return RangeSet.FromRanges(ranges, includesInvalid: false);
    }

    /// <summary>What an escape stands for: a code point, a set, or (outside classes) a zero-width node.</summary>
    private readonly record struct Escape(int CodePoint, RangeSet? Set, RegexNode? Node);

    private Escape ParseEscape(bool inClass)
    {
        int start = _pos;
        _pos++; // '\'
        if (AtEnd)
            throw Error("trailing backslash", start);
        char c = Current;
        _pos++;
        switch (c)
        {
            case '0':
                return new Escape(0, null, null);
            case >= '1' and <= '9':
                throw Unsupported("backreference", start);
            case 'x':
                return new Escape(ParseHex(2, start), null, null);
            case 'u':
                return new Escape(ParseHex(4, start), null, null);
            case 'U':
                return new Escape(ParseHex(8, start), null, null);
            case 'p' or 'P':
                return new Escape(0, ParseProperty(negated: c == 'P', start), null);
            case 'd' or 'D':
                return new Escape(0, c == 'd' ? UnicodeTables.Digit : UnicodeTables.Digit.Complement(), null);
            case 's' or 'S':
                return new Escape(0, c == 's' ? UnicodeTables.WhiteSpace : UnicodeTables.WhiteSpace.Complement(), null);
            case 'w' or 'W':
                RangeSet word = _oniguruma ? UnicodeTables.OnigurumaWord : UnicodeTables.Word;
                return new Escape(0, c == 'w' ? word : word.Complement(), null);
            case 'h' or 'H':
                return new Escape(0, c == 'h' ? UnicodeTables.HexDigit : UnicodeTables.HexDigit.Complement(), null);
            case 'a':
                return new Escape(0x07, null, null);
            case 'f':
                return new Escape(0x0C, null, null);
            case 'n':
                return new Escape('\n', null, null);
            case 'r':
                return new Escape('\r', null, null);
            case 't':
                return new Escape('\t', null, null);
            case 'v':
                return new Escape(0x0B, null, null);
            case 'e':
                return new Escape(0x1B, null, null);
        }
        if (inClass)
        {
            // fancy-regex reads these as the letters themselves inside a class (and \b as backspace).
            return c switch
            {
                'b' => new Escape(0x08, null, null),
                'A' or 'z' or 'B' or 'K' or 'G' or 'k' => new Escape(c, null, null),
                _ when char.IsAsciiLetter(c) => throw Error($"unrecognized escape '\\{c}'", start),
                _ => new Escape(ReadEscapedCodePoint(c), null, null),
            };
        }
        switch (c)
        {
            case 'A':
                return new Escape(0, null, new AssertionNode(AssertionKind.StartText));
            case 'z':
                return new Escape(0, null, new AssertionNode(AssertionKind.EndText));
            case 'Z':
                // End of text, or before trailing new lines: (?=\n*\z) as fancy-regex, (?=\n?\z) as Oniguruma.
                return new Escape(0, null, new LookaroundNode(
                    new ConcatNode([new RepeatNode(new SetNode(s_newLine), 0, _oniguruma ? 1 : RegexNode.Unbounded, RepeatMode.Greedy),
                        new AssertionNode(AssertionKind.EndText)]), behind: false, negated: false, start));
            case 'b' or 'B':
                if (!AtEnd && Current == '{')
                    throw Unsupported($"\\{c}{{...}} word boundary", start);
                if (_oniguruma)
                    return new Escape(0, null, OnigurumaWordBoundary(negated: c == 'B', start));
                return new Escape(0, null, new AssertionNode(c == 'b' ? AssertionKind.WordBoundary : AssertionKind.NotWordBoundary));
            case '<' when !_oniguruma:
                return new Escape(0, null, new AssertionNode(AssertionKind.WordStart));
            case '>' when !_oniguruma:
                return new Escape(0, null, new AssertionNode(AssertionKind.WordEnd));
            case 'O':
                return new Escape(0, RangeSet.All, null);
            case 'k':
                throw Unsupported("named backreference", start);
            case 'g':
                throw Unsupported("subroutine call", start);
            case 'K':
                throw Unsupported("\\K (keep out)", start);
            case 'G':
                throw Unsupported("\\G (continue from previous match)", start);
        }
        if (char.IsAsciiLetter(c))
            throw Error($"unrecognized escape '\\{c}'", start);
        return new Escape(ReadEscapedCodePoint(c), null, null);
    }

    /// <summary>
    /// <c>\b</c> (or <c>\B</c>) with Oniguruma's <c>\w</c>: <c>(?:(?&lt;=\w)(?!\w)|(?&lt;!\w)(?=\w))</c>
    /// (or <c>(?:(?&lt;=\w)(?=\w)|(?&lt;!\w)(?!\w))</c>).
    /// </summary>
    private static RegexNode OnigurumaWordBoundary(bool negated, int position)
    {
        RegexNode Look(bool behind, bool not) => new LookaroundNode(new SetNode(UnicodeTables.OnigurumaWord), behind, not, position);
        return new AlternationNode([
            new ConcatNode([Look(behind: true, not: false), Look(behind: false, not: !negated)]),
            new ConcatNode([Look(behind: true, not: true), Look(behind: false, not: negated)])]);
    }

    /// <summary>The escaped character <paramref name="c"/> (already consumed) as a code point.</summary>
    private int ReadEscapedCodePoint(char c)
    {
        if (!char.IsHighSurrogate(c))
        {
            if (char.IsLowSurrogate(c))
                throw Error("unpaired surrogate", _pos - 1);
            return c;
        }
        _pos--;
        return ReadCodePoint();
    }

    /// <summary>After <c>\x</c>, <c>\u</c> or <c>\U</c>: exactly <paramref name="digits"/> hex digits, or <c>{H...}</c> (1 to 8).</summary>
    private int ParseHex(int digits, int start)
    {
        int value = 0, i = _pos;
        if (i + digits <= _pattern.Length && IsHexRun(i, digits))
        {
            for (int k = 0; k < digits; k++)
                value = value * 16 + HexValue(_pattern[i + k]);
            _pos = i + digits;
        }
        else if (i < _pattern.Length && _pattern[i] == '{')
        {
            int end = _pattern.IndexOf('}', i + 1);
            if (end < 0 || end == i + 1 || end - i - 1 > 8 || !IsHexRun(i + 1, end - i - 1))
                throw Error("invalid hexadecimal escape", start);
            long wide = 0;
            for (int k = i + 1; k < end; k++)
                wide = wide * 16 + HexValue(_pattern[k]);
            if (wide > RangeSet.MaxCodePoint)
                throw Error("escape is not a Unicode scalar value", start);
            value = (int)wide;
            _pos = end + 1;
        }
        else
        {
            throw Error("invalid hexadecimal escape", start);
        }
        if (value > RangeSet.MaxCodePoint || value is >= 0xD800 and <= 0xDFFF)
            throw Error("escape is not a Unicode scalar value", start);
        return value;
    }

    private bool IsHexRun(int i, int count)
    {
        for (int k = 0; k < count; k++)
        {
            if (!char.IsAsciiHexDigit(_pattern[i + k]))
                return false;
        }
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>After <c>\p</c> / <c>\P</c>: a one-letter name or <c>{name}</c>.</summary>
    private RangeSet ParseProperty(bool negated, int start)
    {
        if (AtEnd)
            throw Error("missing Unicode property name", start);
        string name;
        if (Current == '{')
        {
            int end = _pattern.IndexOf('}', _pos + 1);
            if (end < 0)
                throw Error("unclosed Unicode property name", start);
            name = _pattern[(_pos + 1)..end];
            _pos = end + 1;
        }
        else
        {
            int at = _pos;
            name = char.ConvertFromUtf32(ReadCodePoint());
            if (name is "{" or "}" || string.IsNullOrWhiteSpace(name))
                throw Error("invalid Unicode property name", at);
        }
        if (name.Trim().Length == 0)
            throw Error("empty Unicode property name", start);
        int notEqual = name.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual >= 0)
        {
            negated = !negated;
            name = name.Remove(notEqual, 1);
        }
        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }
        if (!UnicodeTables.TryGetProperty(name, out RangeSet set))
            throw Unsupported($"Unicode property '{name}' (only general categories, Any, ASCII and Assigned are)", start);
        // Rust folds a property under (?i); Oniguruma folds only bracket classes ([\p{Lu}]), never a bare \p{Lu}.
        if (IgnoreCase && !_oniguruma)
            set = CaseFolding.Close(set);
        return negated ? set.Complement() : set;
    }

    /// <summary>The code point at <see cref="_pos"/> (a surrogate pair is one), consumed.</summary>
    private int ReadCodePoint()
    {
        char c = Current;
        if (char.IsHighSurrogate(c) && _pos + 1 < _pattern.Length && char.IsLowSurrogate(_pattern[_pos + 1]))
        {
            _pos += 2;
            return char.ConvertToUtf32(c, _pattern[_pos - 1]);
        }
        if (char.IsSurrogate(c))
            throw Error("unpaired surrogate", _pos);
        _pos++;
        return c;
    }

    /// <summary>In <c>(?x)</c> mode, skips white space and <c>#</c> comments.</summary>
    private void SkipTrivia() => _pos = SkipTrivia(_pos);

    private int SkipTrivia(int i)
    {
        if ((_flags & Flags.Extended) == 0)
            return i;
        while (i < _pattern.Length)
        {
            char c = _pattern[i];
            if (CharClass.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < _pattern.Length && _pattern[i] != '\n')
                    i++;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    private ArgumentException Error(string message, int position) =>
        new($"Invalid regular expression: {message} at position {position}.", "pattern");

    private static NotSupportedException Unsupported(string construct, int position) =>
        new($"Regular expression construct not supported: {construct} at position {position}.");
}
