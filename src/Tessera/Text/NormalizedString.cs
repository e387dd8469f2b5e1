using System.Text;

namespace Tessera.Text;

/// <summary>
/// Text being normalized, as UTF-8, with the original byte range every normalized byte came from (Hugging Face's
/// <c>NormalizedString</c>): normalizers rewrite it, pre-tokenizers cut it into slices, and a token's offsets in the
/// input are read back through the alignments. See docs/algorithms/tokenizer-pipeline.md.
/// </summary>
/// <remarks>
/// All positions are byte offsets. <see cref="Alignments"/> holds one range per normalized byte, in the coordinates of
/// the whole original input (<see cref="OriginalShift"/> is where this slice's original text starts). Every byte of a
/// character has the same alignment.
/// </remarks>
internal sealed class NormalizedString
{
    private byte[] _normalized;
    private Span2[] _alignments;

    /// <summary>A string not yet normalized: each character aligned to itself.</summary>
    public NormalizedString(ReadOnlySpan<byte> original, int originalShift = 0)
    {
        Original = original.ToArray();
        OriginalShift = originalShift;
        _normalized = Original;
        _alignments = new Span2[original.Length];
        for (int i = 0; i < original.Length;)
        {
            int length = Utf8Chars.LengthAt(original, i);
            for (int b = 0; b < length; b++)
                _alignments[i + b] = new Span2(originalShift + i, originalShift + i + length);
            i += length;
        }
    }

    /// <summary>A string not yet normalized.</summary>
    public NormalizedString(string original) : this(Encoding.UTF8.GetBytes(original)) { }

    private NormalizedString(byte[] original, int originalShift, byte[] normalized, Span2[] alignments)
    {
        Original = original;
        OriginalShift = originalShift;
        _normalized = normalized;
        _alignments = alignments;
    }

    /// <summary>The original text of this slice (UTF-8).</summary>
    public byte[] Original { get; }

    /// <summary>Where <see cref="Original"/> starts in the whole input, in bytes.</summary>
    public int OriginalShift { get; }

    /// <summary>The normalized text (UTF-8).</summary>
    public ReadOnlySpan<byte> Normalized => _normalized;

    /// <summary>The normalized text as a string.</summary>
    public string NormalizedText => Encoding.UTF8.GetString(_normalized);

    /// <summary>Per normalized byte, the range of the whole input it came from.</summary>
    public ReadOnlySpan<Span2> Alignments => _alignments;

    /// <summary>Bytes of normalized text.</summary>
    public int Length => _normalized.Length;

    /// <summary>Whether the normalized text is empty.</summary>
    public bool IsEmpty => _normalized.Length == 0;

    /// <summary>The range of the whole input that normalized bytes [start, end) came from; (shift, shift) when empty at 0.</summary>
    public Span2 OriginalRangeOf(int start, int end)
    {
        if (_alignments.Length == 0)
            return new Span2(OriginalShift, OriginalShift);
        if (start == end)
        {
            // An empty range sits at the end of what precedes it (or the start of what follows).
            int at = start < _alignments.Length ? _alignments[start].Start : _alignments[^1].End;
            return new Span2(at, at);
        }
        return new Span2(_alignments[start].Start, _alignments[end - 1].End);
    }

    /// <summary>The code points of the normalized text.</summary>
    public List<int> CodePoints()
    {
        var result = new List<int>(_normalized.Length);
        for (int i = 0; i < _normalized.Length;)
        {
            result.Add(Utf8Chars.Decode(_normalized, i, out int length));
            i += length;
        }
        return result;
    }

    /// <summary>
    /// Replaces normalized bytes [start, end) by <paramref name="changes"/>: each new code point with its change, 0 for
    /// a code point that replaces one old code point, +1 for one inserted (aligned like the old code point before it),
    /// -n for one that replaces an old code point and removes the n after it. The first
    /// <paramref name="initialRemoved"/> old code points are removed first. (Hugging Face's <c>transform_range</c>.)
    /// </summary>
    public void Transform(int start, int end, IEnumerable<(int CodePoint, int Change)> changes, int initialRemoved)
    {
        var bytes = new List<byte>(end - start);
        var alignments = new List<Span2>(end - start);
        AppendTransformed(start, end, changes, initialRemoved, bytes, alignments, before: start > 0 ? _alignments[start - 1] : null);
        _normalized = Splice(_normalized, start, end, bytes);
        _alignments = Splice(_alignments, start, end, alignments);
    }

    /// <summary>
    /// Appends to <paramref name="bytes"/> and <paramref name="alignments"/> what <see cref="Transform(int, int, IEnumerable{ValueTuple{int, int}}, int)"/>
    /// puts in place of bytes [start, end). <paramref name="before"/> is the alignment of the byte just before the
    /// range in the text as rewritten so far (null at its very start): an inserted code point there is aligned like it.
    /// </summary>
    private void AppendTransformed(int start, int end, IEnumerable<(int CodePoint, int Change)> changes, int initialRemoved,
        List<byte> bytes, List<Span2> alignments, Span2? before)
    {
        var oldChars = new Queue<int>();
        for (int i = start; i < end;)
        {
            int length = Utf8Chars.LengthAt(_normalized, i);
            oldChars.Enqueue(length);
            i += length;
        }
        int offset = start;
        for (int k = 0; k < initialRemoved && oldChars.Count > 0; k++)
            offset += oldChars.Dequeue();

        Span<byte> encoded = stackalloc byte[4];
        foreach ((int codePoint, int change) in changes)
        {
            // An inserted code point is aligned like the one before it; at the very start, to the empty range where this
            // slice's original text starts (Hugging Face's (0, 0) relative to the slice).
            Span2 alignment = change > 0
                ? (offset > start ? _alignments[offset - 1] : before ?? new Span2(OriginalShift, OriginalShift))
                : _alignments[offset];
            if (change <= 0 && oldChars.Count > 0)
                offset += oldChars.Dequeue();
            for (int k = 0; k < -change && oldChars.Count > 0; k++)
                offset += oldChars.Dequeue();
            int written = Utf8Chars.Encode(codePoint, encoded);
            for (int b = 0; b < written; b++)
            {
                bytes.Add(encoded[b]);
                alignments.Add(alignment);
            }
        }
    }

    /// <summary>Replaces the whole text (<see cref="Transform(int, int, IEnumerable{ValueTuple{int, int}}, int)"/>).</summary>
    public void Transform(IEnumerable<(int CodePoint, int Change)> changes, int initialRemoved) =>
        Transform(0, _normalized.Length, changes, initialRemoved);

    /// <summary>Applies a per-code-point map that yields one or more code points per code point.</summary>
    public void MapEach(Func<int, IEnumerable<int>> map)
    {
        var changes = new List<(int, int)>(_normalized.Length);
        foreach (int c in CodePoints())
        {
            bool first = true;
            foreach (int mapped in map(c))
            {
                changes.Add((mapped, first ? 0 : 1));
                first = false;
            }
            if (first)
                changes.Add((-1, 0)); // marker: removed (handled below)
        }
        if (changes.Exists(c => c.Item1 < 0))
        {
            // A code point mapped to nothing: express as a filter after mapping the others.
            List<int> kept = [];
            var keptChanges = new List<(int, int)>();
            int removedAtStart = 0, pending = 0;
            bool any = false;
            foreach ((int cp, int change) in changes)
            {
                if (cp < 0)
                {
                    if (!any) removedAtStart++;
                    else pending++;
                    continue;
                }
                if (change == 0 && any && pending > 0)
                {
                    int last = keptChanges.Count - 1;
                    keptChanges[last] = (keptChanges[last].Item1, keptChanges[last].Item2 - pending);
                    pending = 0;
                }
                keptChanges.Add((cp, change));
                any = true;
            }
            if (any && pending > 0)
            {
                int last = keptChanges.Count - 1;
                keptChanges[last] = (keptChanges[last].Item1, keptChanges[last].Item2 - pending);
            }
            Transform(keptChanges, removedAtStart);
            return;
        }
        Transform(changes, 0);
    }

    /// <summary>Keeps the code points <paramref name="keep"/> accepts (Hugging Face's <c>filter</c>).</summary>
    public void Filter(Func<int, bool> keep)
    {
        var changes = new List<(int, int)>(_normalized.Length);
        int removed = 0, removedAtStart = 0, last = -1;
        foreach (int c in CodePoints())
        {
            if (keep(c))
            {
                if (last >= 0)
                    changes.Add((last, -removed));
                else
                    removedAtStart = removed;
                last = c;
                removed = 0;
            }
            else
            {
                removed++;
            }
        }
        if (last >= 0)
            changes.Add((last, -removed));
        Transform(changes, removedAtStart);
    }

    /// <summary>Puts <paramref name="text"/> before the first code point, aligned with it. Nothing happens to an empty string.</summary>
    public void Prepend(string text)
    {
        if (IsEmpty)
            return;
        int first = Utf8Chars.Decode(_normalized, 0, out int length);
        var changes = new List<(int, int)>();
        bool initial = true;
        foreach (Rune r in text.EnumerateRunes())
        {
            changes.Add((r.Value, initial ? 0 : 1));
            initial = false;
        }
        changes.Add((first, initial ? 0 : 1));
        Transform(0, length, changes, 0);
    }

    /// <summary>Puts <paramref name="text"/> after the last code point, aligned with it. Nothing happens to an empty string.</summary>
    public void Append(string text)
    {
        if (IsEmpty)
            return;
        int start = Utf8Chars.StartOfLast(_normalized);
        int last = Utf8Chars.Decode(_normalized, start, out _);
        var changes = new List<(int, int)> { (last, 0) };
        foreach (Rune r in text.EnumerateRunes())
            changes.Add((r.Value, 1));
        Transform(start, _normalized.Length, changes, 0);
    }

    /// <summary>Replaces every match of <paramref name="pattern"/> by <paramref name="content"/> (Hugging Face's <c>replace</c>).</summary>
    public void Replace(Pattern pattern, string content)
    {
        var changes = new List<(int, int)>();
        foreach (Rune r in content.EnumerateRunes())
            changes.Add((r.Value, 1));
        // One pass: the text between matches is copied, each match rewritten as Transform would, in order (so an
        // insertion at a match is aligned like the byte before it as rewritten so far, as in Hugging Face).
        List<PatternMatch> matches = pattern.FindMatches(_normalized);
        if (!matches.Exists(m => m.IsMatch))
            return;
        var bytes = new List<byte>(_normalized.Length);
        var alignments = new List<Span2>(_normalized.Length);
        foreach ((int start, int end, bool isMatch) in matches)
        {
            if (!isMatch)
            {
                for (int i = start; i < end; i++)
                {
                    bytes.Add(_normalized[i]);
                    alignments.Add(_alignments[i]);
                }
                continue;
            }
            int removedChars = Utf8Chars.Count(_normalized.AsSpan(start, end - start));
            AppendTransformed(start, end, changes, removedChars, bytes, alignments, before: alignments.Count > 0 ? alignments[^1] : null);
        }
        _normalized = [.. bytes];
        _alignments = [.. alignments];
    }

    /// <summary>Normalized bytes [start, end) as a string of its own, aligned to the same original text.</summary>
    public NormalizedString Slice(int start, int end)
    {
        byte[] normalized = _normalized.AsSpan(start, end - start).ToArray();
        Span2[] alignments = _alignments.AsSpan(start, end - start).ToArray();
        int originalStart, originalEnd;
        if (alignments.Length > 0)
        {
            originalStart = alignments[0].Start;
            originalEnd = alignments[^1].End;
            foreach (Span2 a in alignments)
            {
                originalStart = Math.Min(originalStart, a.Start);
                originalEnd = Math.Max(originalEnd, a.End);
            }
        }
        else
        {
            originalStart = originalEnd = OriginalRangeOf(start, start).Start;
        }
        int from = Math.Clamp(originalStart - OriginalShift, 0, Original.Length);
        int to = Math.Clamp(originalEnd - OriginalShift, from, Original.Length);
        return new NormalizedString(Original[from..to], originalStart, normalized, alignments);
    }

    /// <summary>
    /// Cuts the text at the matches of <paramref name="pattern"/> as <paramref name="behavior"/> says (Hugging Face's
    /// <c>split</c>); empty pieces are dropped.
    /// </summary>
    public List<NormalizedString> Split(Pattern pattern, SplitBehavior behavior, bool invert = false)
    {
        List<PatternMatch> matches = pattern.FindMatches(_normalized);
        if (invert)
            matches = matches.ConvertAll(m => m with { IsMatch = !m.IsMatch });
        var pieces = new List<(int Start, int End)>();
        switch (behavior)
        {
            case SplitBehavior.Isolated:
                foreach (var m in matches) pieces.Add((m.Start, m.End));
                break;
            case SplitBehavior.Removed:
                foreach (var m in matches) if (!m.IsMatch) pieces.Add((m.Start, m.End));
                break;
            case SplitBehavior.Contiguous:
                // Consecutive ranges with the same flag join: runs of matches, and (after invert) runs of non-matches.
                bool previousMatch = false;
                foreach (var m in matches)
                {
                    if (m.IsMatch == previousMatch && pieces.Count > 0)
                        pieces[^1] = (pieces[^1].Start, m.End);
                    else
                        pieces.Add((m.Start, m.End));
                    previousMatch = m.IsMatch;
                }
                break;
            case SplitBehavior.MergedWithPrevious:
                bool previousWasMatch = false;
                foreach (var m in matches)
                {
                    if (m.IsMatch && !previousWasMatch && pieces.Count > 0)
                        pieces[^1] = (pieces[^1].Start, m.End);
                    else
                        pieces.Add((m.Start, m.End));
                    previousWasMatch = m.IsMatch;
                }
                break;
            case SplitBehavior.MergedWithNext:
                bool previousWasMatchNext = false;
                for (int i = matches.Count - 1; i >= 0; i--)
                {
                    var m = matches[i];
                    if (m.IsMatch && !previousWasMatchNext && pieces.Count > 0)
                        pieces[^1] = (m.Start, pieces[^1].End);
                    else
                        pieces.Add((m.Start, m.End));
                    previousWasMatchNext = m.IsMatch;
                }
                pieces.Reverse();
                break;
        }
        var result = new List<NormalizedString>(pieces.Count);
        foreach ((int start, int end) in pieces)
            if (end > start)
                result.Add(Slice(start, end));
        return result;
    }

    private static T[] Splice<T>(T[] array, int start, int end, List<T> replacement)
    {
        var result = new T[array.Length - (end - start) + replacement.Count];
        array.AsSpan(0, start).CopyTo(result);
        replacement.CopyTo(result, start);
        array.AsSpan(end).CopyTo(result.AsSpan(start + replacement.Count));
        return result;
    }
}

/// <summary>A half-open byte range [Start, End).</summary>
internal readonly record struct Span2(int Start, int End);
