using Tessera.Models.Bpe;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;

namespace Tessera.Internal;

/// <summary>Which pre-tokenizer runs: a hand-written one for tiktoken's own patterns, or the general regex path.</summary>
internal enum SplitterKind
{
    R50k,
    Cl100k,
    O200k,

    /// <summary>Any other pattern, run by the code-point regex engine (exact, slower).</summary>
    Regex,
}

/// <summary>
/// The flat execution core of a tiktoken-style tokenizer: pre-tokenize, look each piece up whole, merge the rest.
/// Its only mutable state is the caches of pieces, which threads share without locks.
/// </summary>
internal sealed partial class BpeEncoder
{
    private readonly Lazy<Caches> _caches = new(() => new Caches(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Memory of the caches, made at the first encode and shared by all threads.</summary>
    public static long CacheBytes => PieceCache.Bytes + PretokenCache.Bytes;

    /// <summary>The caches: what the threads learn about pieces, shared (see <see cref="SlotVersion"/>).</summary>
    private sealed class Caches
    {
        public readonly PieceCache Pieces = new();
        public readonly PretokenCache Merged = new();
    }

    public BpeEncoder(RankTable table, SpecialTokenMatcher specials, SplitterKind kind, CodePointRegex? regex = null)
    {
        if ((kind == SplitterKind.Regex) != (regex is not null))
            throw new ArgumentException("A regex is given exactly when the splitter kind is Regex.", nameof(regex));
        Table = table;
        Specials = specials;
        Kind = kind;
        _regex = regex;
    }

    private readonly CodePointRegex? _regex;

    public RankTable Table { get; }

    public SpecialTokenMatcher Specials { get; }

    public SplitterKind Kind { get; }

    /// <summary>
    /// Encodes <paramref name="text"/> under <paramref name="policy"/>. Returns the byte index of the first special
    /// token the policy rejects (and which one in <paramref name="rejected"/>), or -1 when all went well.
    /// </summary>
    public int Encode<TSink>(scoped ReadOnlySpan<byte> text, SpecialTokenPolicy policy, ref TSink sink, out string? rejected)
        where TSink : ITokenSink, allows ref struct
    {
        var segments = new SpecialTokenSplit(Specials, policy);
        while (!sink.IsFull && segments.Next(text, out int start, out int end, out int special))
        {
            EncodeOrdinary(text[start..end], 0, end - start, start, ref sink);
            if (special >= 0 && !sink.IsFull)
                sink.Add(Specials.IdOf(special), end, end + Specials.LengthOf(special));
        }
        rejected = segments.Rejected;
        return segments.RejectedAt;
    }

    /// <summary>
    /// Encodes the pieces of <paramref name="segment"/> (text with no special tokens) that start in
    /// [<paramref name="from"/>, <paramref name="to"/>); <paramref name="to"/> must be a piece boundary. Byte offsets
    /// given to the sink are shifted by <paramref name="offset"/>.
    /// </summary>
    public void EncodeOrdinary<TSink>(scoped ReadOnlySpan<byte> segment, int from, int to, int offset, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        switch (Kind)
        {
            case SplitterKind.O200k: EncodePieces(new O200kSplitter(), segment, from, to, offset, ref sink); break;
            case SplitterKind.Cl100k: EncodePieces(new Cl100kSplitter(), segment, from, to, offset, ref sink); break;
            case SplitterKind.R50k: EncodePieces(new R50kSplitter(), segment, from, to, offset, ref sink); break;
            default: EncodePieces(new RegexSplitter(_regex!), segment, from, to, offset, ref sink); break;
        }
    }
}
