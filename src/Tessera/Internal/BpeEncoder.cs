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

    /// <summary>cl100k's pattern in its older form (Llama 3's and GPT-3.5's tokenizer.json).</summary>
    Cl100kOlder,

    /// <summary>cl100k's older form with single digits (Qwen 2 and 3).</summary>
    Qwen,

    /// <summary>Any other pattern, run by the code-point regex engine (exact, slower).</summary>
    Regex,

    /// <summary>Several patterns, each cutting the pieces of the one before (<see cref="ChainSplitter"/>).</summary>
    Chain,

    /// <summary>DeepSeek V3's chain of three patterns, hand-written (<see cref="DeepSeekSplitter"/>).</summary>
    DeepSeek,
}

/// <summary>
/// The flat execution core of a tiktoken-style tokenizer: pre-tokenize, look each piece up whole, merge the rest.
/// Its only mutable state is the caches of pieces, which threads use without locks.
/// </summary>
internal sealed partial class BpeEncoder
{
    private readonly Lazy<Caches> _caches;

    /// <summary>Memory of the caches made at the first encode: the shared pretoken cache and one piece cache (one more per further core that encodes).</summary>
    public static long CacheBytes => PieceCache.Bytes + PretokenCache.Bytes;

    /// <summary>
    /// What the threads learn about pieces; every slot is safe to share (see <see cref="SlotVersion"/>). The pretoken
    /// cache, whose misses cost a merge, is shared by all threads. The piece cache, read for every piece and written
    /// on every miss, is one per core (the core the encode starts on), up to <see cref="MaxPieceCaches"/>: with one
    /// shared by two threads on two cores, each writing cache lines the other reads, two threads spent 10% more time
    /// (see docs/algorithms/byte-pair-merge.md). Threads on one core take turns, so they share its cache at no cost.
    /// </summary>
    private sealed class Caches
    {
        private const int MaxPieceCaches = 16;
        private readonly PieceCache?[] _pieces = new PieceCache?[Math.Clamp(Environment.ProcessorCount, 1, MaxPieceCaches)];
        public readonly PretokenCache Merged = new();

        /// <summary>The piece cache of the core this thread runs on (made at its first use).</summary>
        public PieceCache PiecesHere()
        {
            int core = (int)((uint)Thread.GetCurrentProcessorId() % (uint)_pieces.Length);
            return _pieces[core] ?? Make(core);
        }

        private PieceCache Make(int core)
        {
            var made = new PieceCache();
            PieceCache? raced = Interlocked.CompareExchange(ref _pieces[core], made, null);
            return raced ?? made;
        }
    }

    public BpeEncoder(RankTable table, SpecialTokenMatcher specials, SplitterKind kind, CodePointRegex? regex = null, MergeRule? mergeRule = null,
        CodePointRegex[]? chain = null)
    {
        if ((kind == SplitterKind.Regex) != (regex is not null))
            throw new ArgumentException("A regex is given exactly when the splitter kind is Regex.", nameof(regex));
        if ((kind == SplitterKind.Chain) != (chain is not null))
            throw new ArgumentException("A chain of patterns is given exactly when the splitter kind is Chain.", nameof(chain));
        _chain = chain;
        Table = table;
        // Work long enough to need the caches is long enough to gain from merging by pairs: the table is built then.
        _caches = new(() =>
        {
            if (mergeRule is null)
                table.RequestPairs();
            return new Caches();
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        Specials = specials;
        Kind = kind;
        _regex = regex;
        MergeRule = mergeRule;
    }

    /// <summary>Hugging Face's merge rule for a lowered tokenizer.json BPE; null for tiktoken's.</summary>
    public MergeRule? MergeRule { get; }

    /// <summary>The token <paramref name="piece"/> is as a whole, or -1 (not a token, or, under Hugging Face's rule, a token its merges do not make).</summary>
    private int WholeRank(ReadOnlySpan<byte> piece)
    {
        int rank = Table.RankOf(piece);
        return rank < 0 || MergeRule is null || MergeRule.KeepsWhole(rank, piece) ? rank : -1;
    }

    /// <summary>Merges <paramref name="piece"/> by the encoder's rule; writes the tokens to <paramref name="output"/> and returns how many.</summary>
    private int Merge(ReadOnlySpan<byte> piece, Span<int> output) =>
        MergeRule is null ? BytePairMerge.Encode(Table, piece, output) : MergeRule.Encode(piece, output);

    private readonly CodePointRegex? _regex;
    private readonly CodePointRegex[]? _chain;

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
            case SplitterKind.Cl100kOlder: EncodePieces(new Cl100kOlderSplitter(), segment, from, to, offset, ref sink); break;
            case SplitterKind.Qwen: EncodePieces(new QwenSplitter(), segment, from, to, offset, ref sink); break;
            case SplitterKind.R50k: EncodePieces(new R50kSplitter(), segment, from, to, offset, ref sink); break;
            case SplitterKind.Chain: EncodePieces(new ChainSplitter(_chain!), segment, from, to, offset, ref sink); break;
            case SplitterKind.DeepSeek: EncodePieces(new DeepSeekSplitter(), segment, from, to, offset, ref sink); break;
            default: EncodePieces(new RegexSplitter(_regex!), segment, from, to, offset, ref sink); break;
        }
    }
}
