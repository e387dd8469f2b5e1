using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tessera.Formats.SentencePiece;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's unigram encoder (unigram_model.cc, <c>Model::EncodeOptimized</c>, the one <c>Encode</c> uses): for
/// every byte position the best path ending there, extended piece by piece from each character start through the
/// trie. Its arithmetic is the C++'s exactly, because ties and near-ties decide the ids: a piece's score is widened to
/// double and added to the float score of the path before it, compared in double with the float already stored, and
/// stored back as float; a user-defined symbol scores <c>(float)(bytes * max_score) - 0.1</c> in double; an unknown
/// character scores <c>min_score - 10</c>, added and compared in float; a candidate replaces the stored path only when
/// strictly greater. Texts are cut into words whose lattices are independent, and a word's result is cached with the
/// path scores it is certified for (<see cref="Certify"/>). See docs/algorithms/sentencepiece.md.
/// </summary>
internal sealed partial class SentencePieceUnigram
{
    /// <summary>The best path ending at a position: its last piece, its score, where that piece starts (-1: none yet).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Best
    {
        public int Id;
        public float Score;
        public int Start;
    }

    /// <summary>
    /// A trie state with the piece it ends and that piece's score in place (one 16-byte load per step instead of
    /// three scattered ones); an UNUSED piece counts as no piece (SentencePiece skips it before anything else), a
    /// user-defined symbol's score is NaN (its score depends on its length).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Base;
        public int Check;
        public int Id;
        public float Score;
    }

    private readonly Node[] _nodes;
    private readonly float _maxScore, _unknownScore;
    private readonly int _unkId;
    private readonly WordCut _cut;
    private readonly ThreadLocal<WordState> _state;
    // Per id: the piece's length in bytes, and its score as the C++ adds it to a path (NaN: never in a cached path).
    private readonly PieceInfo[] _pieces;
    // No score on a path is positive: the path score can be followed a word at a time (DeferredPathScore).
    private readonly bool _scoresNeverPositive;

    /// <summary>What a cached path needs of a piece, in one place: its score as added to a path, its length.</summary>
    private struct PieceInfo
    {
        public double Score;
        public int Length;
    }

    /// <summary>The encoder; <paramref name="cutIntoWords"/> false segments every text whole (for tests).</summary>
    public SentencePieceUnigram(SentencePieceVocabulary vocabulary, bool cutIntoWords = true)
    {
        PieceTrie.Node[] trie = vocabulary.Trie.Nodes;
        _nodes = new Node[trie.Length];
        for (int i = 0; i < trie.Length; i++)
        {
            int id = trie[i].Value;
            PieceType type = id >= 0 ? vocabulary.TypeOf(id) : PieceType.Unused;
            _nodes[i] = new Node
            {
                Base = trie[i].Base,
                Check = trie[i].Check,
                Id = type == PieceType.Unused ? -1 : id,
                Score = type == PieceType.UserDefined ? float.NaN : id >= 0 ? vocabulary.ScoreOf(id) : 0,
            };
        }
        _maxScore = vocabulary.MaxScore;
        _unknownScore = vocabulary.MinScore - 10.0f;
        _unkId = vocabulary.UnkId;
        _cut = cutIntoWords ? WordCuts.For(vocabulary) : WordCut.None;
        int vocabularySize = vocabulary.Count;
        _state = new(() => new WordState(vocabularySize));
        _pieces = new PieceInfo[vocabulary.Count];
        for (int id = 0; id < vocabulary.Count; id++)
        {
            int length = vocabulary.Piece(id).Length;
            double score = vocabulary.TypeOf(id) switch
            {
                PieceType.Normal => vocabulary.ScoreOf(id),
                PieceType.UserDefined => (double)(length * _maxScore) - 0.1,
                _ => double.NaN, // never on a path (the unknown piece is added apart)
            };
            _pieces[id] = new PieceInfo { Score = score, Length = length };
        }
        _scoresNeverPositive = _unknownScore <= 0 && !_pieces.Any(piece => piece.Score > 0);
    }

    /// <summary>Per-thread buffers: the word cache, the arrays of <see cref="Certify"/>, a spaced word normalized, a cached word's ids.</summary>
    private sealed class WordState(int vocabularySize)
    {
        public readonly WordCache Cache = new(vocabularySize);
        public ExactPath[] Paths = new ExactPath[64];
        public int[] Ids = new int[64];
        public byte[] Word = new byte[64];
        public readonly int[] CachedIds = new int[WordCache.IdsRoom];
    }

    /// <summary>Whether texts are cut before each "▁" (what <see cref="EncodeSpaced"/> needs).</summary>
    public bool CutsBeforeSpace => _cut == WordCut.BeforeSpace;

    /// <summary>Adds the pieces of <paramref name="text"/> (normalized) to <paramref name="output"/>.</summary>
    /// <remarks>
    /// When the text can be cut into words (<see cref="WordCuts"/>: no piece spans a cut), each word is a lattice of its
    /// own that starts from the float score of the path before it. A word's segmentation in exact arithmetic is
    /// certified for the path scores below a limit (<see cref="Certify"/>), below which the C++'s float computation
    /// chooses the same pieces; it is used then, and cached per thread with its limit. Above the limit (or for a word
    /// with an exact tie) the word is segmented with the C++'s arithmetic from the actual path score. Either way the
    /// path score after the word is the C++'s float, the scores added one by one as the C++ adds them.
    /// </remarks>
    public void Encode(ReadOnlySpan<byte> text, ref Best[] scratch, ref PieceOutput output) =>
        Encode(text, text.Length, ref scratch, ref output);

    /// <summary>
    /// Adds the pieces of <c>buffer[..length]</c> (normalized) to <paramref name="output"/>; the rest of
    /// <paramref name="buffer"/> may be read (for whole-vector loads), never used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encode(ReadOnlySpan<byte> buffer, int length, ref Best[] scratch, ref PieceOutput output)
    {
        ReadOnlySpan<byte> text = buffer[..length];
        if (text.IsEmpty)
            return;
        if (_cut == WordCut.None)
        {
            EncodeSpan(text, 0, text.Length, 0, ref scratch, ref output);
            return;
        }
        WordState state = _state.Value!;
        WordCache cache = state.Cache;
        float pathScore = 0;
        var words = new WordWalk(buffer, length, _cut, cache);
        while (words.MoveNext())
        {
            int start = words.Start, end = words.End;
            bool cacheable = end - start <= WordCache.MaxWordLength;
            int count = 0;
            float limit = 0;
            if (cacheable)
                count = cache.TryGet(words.Key, state.CachedIds, out limit, out _);
            pathScore = AddWord(text, start, end, cacheable, words.Key, count, limit, cacheUnknown: true, pathScore, state,
                ref scratch, ref output);
        }
    }

    /// <summary>
    /// Adds the pieces of the word <c>text[start..end]</c> (normalized) given what the cache gave for it: <paramref name="count"/>
    /// as <see cref="WordCache.TryGet"/> returns it, the ids in <c>state.CachedIds</c>, <paramref name="limit"/>. A word
    /// first seen (and <paramref name="cacheable"/>) is certified (one lattice, as segmenting it directly would cost)
    /// and cached under <paramref name="key"/> with its limit, without ids when too many, or when one is the unknown
    /// piece and not <paramref name="cacheUnknown"/>, so that it is segmented directly from then on. The certified path
    /// is added when the path score is below its limit, else the word is segmented from the path score. Returns the
    /// path score after the word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float AddWord(ReadOnlySpan<byte> text, int start, int end, bool cacheable, in WordCache.Key key, int count,
        float limit, bool cacheUnknown, float pathScore, WordState state, ref Best[] scratch, ref PieceOutput output)
    {
        ReadOnlySpan<int> path = state.CachedIds.AsSpan(0, Math.Max(count, 0));
        if (cacheable && count == 0)
            limit = CertifyAndCache(text[start..end], key, cacheUnknown, state, out path, out _);
        return Math.Abs(pathScore) < limit
            ? Emit(text, start, path, pathScore, ref output)
            : EncodeSpan(text, start, end, pathScore, ref scratch, ref output);
    }

    /// <summary>
    /// Certifies a word seen for the first time (<see cref="Certify"/>; its pieces in <paramref name="path"/>, their
    /// scores' sum in <paramref name="score"/>, NaN with the unknown piece) and caches it under <paramref name="key"/>
    /// with its limit and score: without ids when they are too many, or when one is the unknown piece and not
    /// <paramref name="cacheUnknown"/>, so that it is segmented directly from then on. Returns the limit.
    /// </summary>
    private float CertifyAndCache(ReadOnlySpan<byte> word, scoped in WordCache.Key key, bool cacheUnknown, WordState state,
        out ReadOnlySpan<int> path, out float score)
    {
        float limit = Certify(word, state, out int count);
        path = state.Ids.AsSpan(0, count);
        score = ScoreOf(path);
        bool keep = count <= state.Cache.MaxIds && (cacheUnknown || !path.Contains(_unkId));
        state.Cache.Add(key, keep ? path : default, keep ? limit : 0, score);
        return limit;
    }

    /// <summary>Adds the pieces of a certified path from text[start..] and returns the path score after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Emit(ReadOnlySpan<byte> text, int start, ReadOnlySpan<int> ids, float pathScore, ref PieceOutput output)
    {
        foreach (int id in ids)
        {
            if (id == _unkId)
            {
                // An unknown node covers one character, and adds its score in float.
                int length = Utf8Rules.CharLength(text, start);
                pathScore = _unknownScore + pathScore;
                output.Add(id, text.Slice(start, length));
                start += length;
            }
            else
            {
                ref readonly PieceInfo piece = ref _pieces[id];
                pathScore = (float)(piece.Score + pathScore);
                output.AddKnown(id);
                start += piece.Length;
            }
        }
        return pathScore;
    }

    /// <summary>
    /// Segments text[start..end] from a path score of <paramref name="initialScore"/> (the C++'s computation over that
    /// range) and adds its pieces; returns the score of the best path at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float EncodeSpan(ReadOnlySpan<byte> text, int start, int end, float initialScore, ref Best[] scratch, ref PieceOutput output)
    {
        ReadOnlySpan<byte> span = text[start..end];
        int size = span.Length;
        if (scratch.Length < size + 1)
            scratch = new Best[Math.Max(size + 1, scratch.Length * 2)];
        Span<Best> best = scratch.AsSpan(0, size + 1);
        Viterbi(span, best, initialScore);
        float score = best[size].Score;

        // Backtrack from the end, turning each Start (a link to the previous piece's end) into a link to the next
        // piece's end, then emit in order.
        int next = -1;
        for (int at = size; at > 0;)
        {
            int previous = best[at].Start;
            best[at].Start = next;
            next = at;
            at = previous;
        }
        for (int from = 0, to = next; to > 0; from = to, to = best[to].Start)
            output.Add(best[to].Id, span[from..to]);
        return score;
    }

    /// <summary>
    /// The segmentation of <paramref name="word"/> in exact arithmetic (double, from a path score of 0) into
    /// <c>state.Ids</c> (<paramref name="pieces"/> ids), and the largest magnitude of the path score before the word
    /// for which the C++'s float computation is certain to choose the same pieces; 0 when there is none (an exact
    /// tie somewhere in the word).
    /// </summary>
    /// <remarks>
    /// Every value the C++ stores is a float sum along a path, each addition off by at most half a float ulp of the
    /// largest magnitude M involved (the path score before the word plus the largest partial sum in it), so two
    /// candidates' computed values differ from their exact values by at most (characters of the word) ulps together.
    /// If at every position the winner beats every other candidate by more than that, every comparison comes out as
    /// in exact arithmetic, where a constant offset changes nothing. With ulp(M) at most M / 2^23 and a factor 2 of
    /// margin, the condition holds while |path score| &lt; gap × 2^22 / characters - (largest partial sum). Only the
    /// positions where characters start, and the end, count: a path is only extended from those.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Certify(ReadOnlySpan<byte> word, WordState state, out int pieces)
    {
        int size = word.Length;
        if (state.Paths.Length < size + 1)
        {
            state.Paths = new ExactPath[Math.Max(size + 1, state.Paths.Length * 2)];
            state.Ids = new int[state.Paths.Length];
        }
        Span<ExactPath> paths = state.Paths.AsSpan(0, size + 1);
        for (int i = 0; i < paths.Length; i++) // not Span.Fill: see UnigramModel.Viterbi
            paths[i] = new ExactPath { Value = double.NegativeInfinity, Second = double.NegativeInfinity, Link = -1 };
        paths[0].Value = 0;
        ref ExactPath first = ref MemoryMarshal.GetReference(paths);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        float maxScore = _maxScore;
        double largest = 0, gap = double.PositiveInfinity;
        int chars = 0;
        for (int startsAt = 0; startsAt < size; chars++)
        {
            int charLength = Math.Min(Utf8Rules.OneCharLength(word[startsAt]), size - startsAt);
            ref ExactPath from = ref Unsafe.Add(ref first, startsAt);
            double before = from.Value;
            gap = double.MinNative(gap, before - from.Second); // final: every piece that ends here started before
            bool hasSingleNode = false;
            int state0 = PieceTrie.Root;
            for (int key = startsAt; key < size;)
            {
                int t = Unsafe.Add(ref nodes, state0).Base + word[key];
                ref Node node = ref Unsafe.Add(ref nodes, t);
                if (node.Check != state0)
                    break;
                state0 = t;
                key++;
                if (node.Id < 0)
                    continue;
                // The score in the node (NaN: a user-defined symbol's, from its length), as _pieces holds it.
                float pieceScore = node.Score;
                double candidate = before + (float.IsNaN(pieceScore) ? (double)((key - startsAt) * maxScore) - 0.1 : pieceScore);
                largest = double.MaxNative(largest, Math.Abs(candidate));
                ExactPath.Offer(ref Unsafe.Add(ref first, key), candidate, startsAt, node.Id);
                hasSingleNode |= key - startsAt == charLength;
            }
            if (!hasSingleNode)
            {
                double candidate = before + _unknownScore;
                largest = double.MaxNative(largest, Math.Abs(candidate));
                ExactPath.Offer(ref Unsafe.Add(ref first, startsAt + charLength), candidate, startsAt, _unkId);
            }
            startsAt += charLength;
        }
        gap = double.MinNative(gap, paths[size].Value - paths[size].Second);

        int count = 0;
        for (int q = size; q > 0; q = paths[q].From)
            count++;
        // The pieces in order, at the start of state.Ids.
        int[] ids = state.Ids;
        for (int q = size, k = count; q > 0; q = paths[q].From)
            ids[--k] = paths[q].Id;
        pieces = count;
        if (gap < 1e-9)
            return 0;
        double limit = gap * 4194304.0 / Math.Max(chars, 1) - largest;
        return limit > 0 ? (float)Math.Min(limit, float.MaxValue) : 0;
    }

    /// <summary>
    /// A position of <see cref="Certify"/>'s exact lattice: the best value, the second best (both -∞ until offered
    /// one), and the best's last piece and where it starts.
    /// </summary>
    private struct ExactPath
    {
        public double Value, Second;
        public long Link; // the best's last piece (high 32 bits) and where it starts (low 32 bits); -1: none yet

        public readonly int From => (int)Link;

        public readonly int Id => (int)(Link >> 32);

        /// <summary>
        /// A candidate for this position: the best so far (first-come on equal values) and the runner-up, without a
        /// branch: which of the two a candidate beats is a coin toss for the branch predictor, and a mispredicted
        /// branch per candidate took about half of this lattice's time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Offer(ref ExactPath target, double candidate, int from, int id)
        {
            double value = target.Value;
            // An equal value lands in Second: a gap of 0.
            target.Second = double.MaxNative(target.Second, double.MinNative(value, candidate));
            target.Value = double.MaxNative(value, candidate);
            long link = ((long)id << 32) | (uint)from;
            bool better = candidate > value;
            long mask = -(long)Unsafe.As<bool, byte>(ref better); // all ones when better: a select, not a branch
            target.Link = (link & mask) | (target.Link & ~mask);
        }
    }

    /// <summary>Fills <paramref name="best"/> (one more entry than <paramref name="text"/> has bytes) with the best path ending at each position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Viterbi(ReadOnlySpan<byte> text, Span<Best> best, float initialScore = 0)
    {
        // Refs instead of indexing: the trie is padded (Base + byte is always inside it), the positions stay below
        // size + 1, so the bounds checks the JIT would add are all redundant.
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref byte bytes = ref MemoryMarshal.GetReference(text);
        ref Best paths = ref MemoryMarshal.GetReference(best);
        float maxScore = _maxScore, unknownScore = _unknownScore;
        int size = text.Length;
        for (int i = 0; i < best.Length; i++) // not Span.Fill: see UnigramModel.Viterbi
            best[i] = new Best { Id = -1, Score = 0, Start = -1 };
        best[0].Score = initialScore;
        for (int startsAt = 0; startsAt < size;)
        {
            float scoreTillHere = Unsafe.Add(ref paths, startsAt).Score;
            int charLength = Math.Min(Utf8Rules.OneCharLength(Unsafe.Add(ref bytes, startsAt)), size - startsAt);
            bool hasSingleNode = false;
            int state = PieceTrie.Root;
            for (int key = startsAt; key < size;)
            {
                int t = Unsafe.Add(ref nodes, state).Base + Unsafe.Add(ref bytes, key);
                ref Node node = ref Unsafe.Add(ref nodes, t);
                if (node.Check != state)
                    break;
                state = t;
                key++;
                int id = node.Id;
                if (id < 0)
                    continue;
                int length = key - startsAt;
                float pieceScore = node.Score;
                double score = float.IsNaN(pieceScore) ? (double)(length * maxScore) - 0.1 : pieceScore;
                double candidate = score + scoreTillHere;
                ref Best target = ref Unsafe.Add(ref paths, key);
                if (target.Start == -1 || candidate > target.Score)
                {
                    target.Score = (float)candidate;
                    target.Start = startsAt;
                    target.Id = id;
                }
                hasSingleNode |= length == charLength;
            }
            if (!hasSingleNode)
            {
                ref Best target = ref Unsafe.Add(ref paths, startsAt + charLength);
                float candidate = unknownScore + scoreTillHere;
                if (target.Start == -1 || candidate > target.Score)
                {
                    target.Score = candidate;
                    target.Start = startsAt;
                    target.Id = _unkId;
                }
            }
            startsAt += charLength;
        }
    }
}
