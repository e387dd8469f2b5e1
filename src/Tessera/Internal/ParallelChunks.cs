namespace Tessera.Internal;

/// <summary>
/// Cuts text into parts that encode independently to exactly the ids of the whole. A part is a piece-aligned
/// range of one segment (text between allowed special tokens), optionally followed by that special token.
/// </summary>
/// <remarks>
/// Cut points: just after <c>\n</c> when an ASCII letter follows. No alternative of the tiktoken patterns matches a
/// line feed followed by a letter, so a piece always starts there, and no lookahead reaches past that letter. Each
/// part is encoded with its whole segment visible, so lookahead and <c>$</c> behave as in a single pass.
/// </remarks>
internal static class ParallelChunks
{
    /// <summary>Parts smaller than this are not cut further.</summary>
    private const int MinPartBytes = 1 << 16;

    /// <param name="SegmentStart">Start of the segment the part belongs to.</param>
    /// <param name="SegmentEnd">End of that segment as the splitter sees it (may lie past <paramref name="To"/>).</param>
    /// <param name="From">First byte of the part.</param>
    /// <param name="To">End of the part: a piece boundary.</param>
    /// <param name="Special">The allowed special token that follows the part (a matcher index), or -1.</param>
    internal readonly record struct Part(int SegmentStart, int SegmentEnd, int From, int To, int Special);

    /// <summary>
    /// Plans the encoding of <c>text[..limit]</c>, where <paramref name="limit"/> is the text's end or a cut point;
    /// bytes past <paramref name="limit"/> are only looked at. Stops at a special token the policy rejects.
    /// </summary>
    public static List<Part> Plan(BpeEncoder encoder, ReadOnlySpan<byte> text, int limit, SpecialTokenPolicy policy, int threads,
        out int rejectedAt, out string? rejected)
    {
        var parts = new List<Part>();
        int target = Math.Max(MinPartBytes, limit / (threads * 8));
        bool canCut = threads > 1 && CanCut(encoder);
        var segments = new SpecialTokenSplit(encoder.Specials, policy);
        while (segments.Next(text[..limit], out int start, out int end, out int special))
        {
            int visibleEnd = special < 0 ? text.Length : end;
            int from = start;
            while (canCut && end - from > 2 * target)
            {
                int cut = FindCut(text, from + target, end);
                if (cut < 0) break;
                parts.Add(new Part(start, visibleEnd, from, cut, -1));
                from = cut;
            }
            parts.Add(new Part(start, visibleEnd, from, end, special));
        }
        rejectedAt = segments.RejectedAt;
        rejected = segments.Rejected;
        return parts;
    }

    /// <summary>Whether the encoder's text may be cut at line starts at all.</summary>
    /// <remarks>Only for the built-in patterns: an arbitrary pattern may match across a line feed.</remarks>
    public static bool CanCut(BpeEncoder encoder) => encoder.Kind != SplitterKind.Regex && !encoder.Specials.CanCrossLineStart;

    /// <summary>
    /// Encodes a part into <paramref name="destination"/>, which holds at least as many ids as the part has bytes
    /// (its text and its special token): a token covers at least one byte. Returns the number of ids.
    /// </summary>
    public static int EncodeInto(BpeEncoder encoder, ReadOnlySpan<byte> text, Part part, Span<int> destination)
    {
        var sink = new IdSink(destination);
        EncodePart(encoder, text, part, ref sink);
        return sink.Ids.Length;
    }

    /// <summary>
    /// Encodes a part into its own stretch of <paramref name="all"/>, a buffer for a whole region's ids, starting at the
    /// index of the part's first byte (a token covers at least one byte, so parts cannot overlap). Returns the number of ids.
    /// </summary>
    public static int EncodeAtItsStart(BpeEncoder encoder, ReadOnlySpan<byte> text, Part part, Span<int> all) =>
        EncodeInto(encoder, text, part, all.Slice(part.From, Length(encoder, part)));

    /// <summary>Moves the ids of <paramref name="parts"/>, each written by <see cref="EncodeAtItsStart"/>, together to the start of <paramref name="all"/>; returns how many.</summary>
    public static int Compact(Span<int> all, List<Part> parts, ReadOnlySpan<int> counts)
    {
        int at = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            all.Slice(parts[i].From, counts[i]).CopyTo(all[at..]);
            at += counts[i];
        }
        return at;
    }

    /// <summary>The number of tokens of a part.</summary>
    public static int Count(BpeEncoder encoder, ReadOnlySpan<byte> text, Part part)
    {
        var sink = new CountSink();
        EncodePart(encoder, text, part, ref sink);
        return sink.Count;
    }

    /// <summary>The bytes a part covers: its text and the special token after it.</summary>
    public static int Length(BpeEncoder encoder, Part part) =>
        part.To - part.From + (part.Special >= 0 ? encoder.Specials.LengthOf(part.Special) : 0);

    private static void EncodePart<TSink>(BpeEncoder encoder, ReadOnlySpan<byte> text, Part part, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        ReadOnlySpan<byte> segment = text[part.SegmentStart..part.SegmentEnd];
        encoder.EncodeOrdinary(segment, part.From - part.SegmentStart, part.To - part.SegmentStart, part.SegmentStart, ref sink);
        if (part.Special >= 0)
            sink.Add(encoder.Specials.IdOf(part.Special), part.To, part.To + encoder.Specials.LengthOf(part.Special));
    }

    /// <summary>The first cut point at or after <paramref name="from"/> and before <paramref name="end"/>, or -1.</summary>
    public static int FindCut(ReadOnlySpan<byte> text, int from, int end)
    {
        while (from < end)
        {
            int i = text[from..end].IndexOf((byte)'\n');
            if (i < 0) return -1;
            int cut = from + i + 1;
            if (cut < end && char.IsAsciiLetter((char)text[cut])) return cut;
            from = cut;
        }
        return -1;
    }

    /// <summary>The last cut point before <paramref name="end"/>, or -1.</summary>
    public static int FindLastCut(ReadOnlySpan<byte> text, int end)
    {
        while (end > 1)
        {
            int i = text[..(end - 1)].LastIndexOf((byte)'\n');
            if (i < 0) return -1;
            if (char.IsAsciiLetter((char)text[i + 1])) return i + 1;
            end = i + 1;
        }
        return -1;
    }
}
