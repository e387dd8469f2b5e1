using System.Runtime.CompilerServices;
namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's BPE encoder over a whole normalized text. SentencePiece merges the whole text at once; when no
/// piece (and no user-defined symbol) has "▁" anywhere but at its start, no merge can cross the start of a "▁", so the
/// text is cut there and each word merged alone, with the same result (the merges inside a word keep their relative
/// order, leftmost-first included), and words already seen come from a per-thread cache. Likewise before a "▁" that
/// can only end pieces (<c>treat_whitespace_as_suffix</c>). Otherwise, and for models with UNUSED pieces (whose
/// split-back record spans the whole text), the whole text is merged with the heap.
/// </summary>
internal sealed class SentencePieceBpe
{
    private readonly SentencePieceVocabulary _vocabulary;
    private readonly WordCut _cut;
    private readonly ThreadLocal<State> _state;
    private readonly int[] _pieceLengths;

    public SentencePieceBpe(SentencePieceVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _pieceLengths = new int[vocabulary.Count];
        for (int id = 0; id < vocabulary.Count; id++)
            _pieceLengths[id] = vocabulary.Piece(id).Length;
        _cut = vocabulary.HasUnused ? WordCut.None : WordCuts.For(vocabulary);
        int vocabularySize = vocabulary.Count;
        _state = new(() => new State(vocabularySize));
    }

    /// <summary>Adds the pieces of <paramref name="text"/> (normalized) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> text, ref int[] scratch, ref PieceOutput output) =>
        Encode(text, text.Length, ref scratch, ref output);

    /// <summary>
    /// Adds the pieces of <c>buffer[..length]</c> (normalized) to <paramref name="output"/>; the rest of
    /// <paramref name="buffer"/> may be read (for whole-vector loads), never used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encode(ReadOnlySpan<byte> buffer, int length, ref int[] scratch, ref PieceOutput output)
    {
        ReadOnlySpan<byte> text = buffer[..length];
        if (text.IsEmpty)
            return;
        if (_cut == WordCut.None)
        {
            int used = SentencePieceBpeMerge.MergeByHeap(_vocabulary, text, 0, text.Length, ref scratch, 0, _state.Value!.Heap);
            Emit(text, 0, scratch.AsSpan(0, used), ref output);
            return;
        }
        State state = _state.Value!;
        var words = new WordWalk(buffer, length, _cut, state.Cache);
        while (words.MoveNext())
            EncodeWord(text, words.Start, words.End, state, words.Key, ref scratch, ref output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeWord(ReadOnlySpan<byte> text, int start, int end, State state, in WordCache.Key key, ref int[] scratch,
        ref PieceOutput output)
    {
        WordCache cache = state.Cache;
        bool cacheable = end - start <= WordCache.MaxWordLength;
        if (cacheable)
        {
            Span<int> ids = stackalloc int[WordCache.IdsRoom];
            int count = cache.TryGet(key, ids, out _, out _);
            if (count > 0)
            {
                int[] lengths = _pieceLengths;
                foreach (int id in ids[..count])
                {
                    output.Add(id, text.Slice(start, lengths[id]));
                    start += lengths[id];
                }
                return;
            }
        }
        ReadOnlySpan<int> pieces = Merge(text, start, end, state, ref scratch);
        if (cacheable)
            Remember(cache, key, pieces, withUnknown: true);
        Emit(text, start, pieces, ref output);
    }

    /// <summary>Whether texts are cut before each "▁" (what <see cref="EncodeSpaced"/> needs).</summary>
    public bool CutsBeforeSpace => _cut == WordCut.BeforeSpace;

    /// <summary>
    /// Adds the pieces of a spaced line (<see cref="SentencePieceNormalizer.TryCopySpacedLine"/>, <c>buffer[..length]</c>
    /// with 32 bytes more readable): what <see cref="Encode(ReadOnlySpan{byte}, int, ref int[], ref PieceOutput)"/> gives
    /// for the normalized line, without writing it out (as <see cref="SentencePieceUnigram.EncodeSpaced"/> does). Only when
    /// <see cref="CutsBeforeSpace"/>. Spaced words are cached only when none of their pieces is the unknown one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EncodeSpaced(ReadOnlySpan<byte> buffer, int length, ref int[] scratch, ref PieceOutput output)
    {
        State state = _state.Value!;
        WordCache cache = state.Cache;
        var words = new SpacedWordWalk(buffer, length, cache);
        while (words.MoveNext())
        {
            int start = words.Start, end = words.End;
            bool cacheable = end - start <= WordCache.MaxWordLength;
            if (cacheable && cache.TryGet(words.Key, output.Room(WordCache.IdsRoom), out _, out _) is var count and > 0)
            {
                output.Advance(count); // the ids went straight to the output
                continue;
            }
            ReadOnlySpan<byte> word = SpacedWordWalk.Normalized(ref state.Word, buffer[(start + 1)..end]);
            ReadOnlySpan<int> pieces = Merge(word, 0, word.Length, state, ref scratch);
            if (cacheable)
                Remember(cache, words.Key, pieces, withUnknown: false);
            Emit(word, 0, pieces, ref output);
        }
    }

    /// <summary>The (id, length) pairs of <c>text[start..end]</c>, merged by scan or, when long, by the heap.</summary>
    private ReadOnlySpan<int> Merge(ReadOnlySpan<byte> text, int start, int end, State state, ref int[] scratch)
    {
        int symbols = SentencePieceBpeMerge.CountSymbols(text, start, end, _vocabulary.UserDefined);
        int used;
        if (symbols <= SentencePieceBpeMerge.ScanLimit)
        {
            if (scratch.Length < 2 * symbols)
                scratch = new int[Math.Max(2 * symbols, scratch.Length * 2)];
            used = SentencePieceBpeMerge.MergeByScan(_vocabulary, text, start, end, symbols, scratch, 0);
        }
        else
        {
            used = SentencePieceBpeMerge.MergeByHeap(_vocabulary, text, start, end, ref scratch, 0, state.Heap);
        }
        return scratch.AsSpan(0, used);
    }

    /// <summary>
    /// Caches a word's pieces as ids alone when every piece's length is its id's (no unknown character in the word) and,
    /// unless <paramref name="withUnknown"/>, none is the unknown piece.
    /// </summary>
    private void Remember(WordCache cache, in WordCache.Key key, ReadOnlySpan<int> pieces, bool withUnknown)
    {
        if (pieces.Length > 2 * cache.MaxIds)
            return;
        Span<int> ids = stackalloc int[WordCache.IdsRoom];
        for (int i = 0; i < pieces.Length; i += 2)
        {
            int id = pieces[i];
            if (_pieceLengths[id] != pieces[i + 1] || (!withUnknown && id == _vocabulary.UnkId))
                return;
            ids[i / 2] = id;
        }
        cache.Add(key, ids[..(pieces.Length / 2)]);
    }

    /// <summary>Adds (id, length) pairs that cover text from <paramref name="start"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Emit(ReadOnlySpan<byte> text, int start, ReadOnlySpan<int> pieces, ref PieceOutput output)
    {
        for (int i = 0; i < pieces.Length; i += 2)
        {
            int length = pieces[i + 1];
            output.Add(pieces[i], text.Slice(start, length));
            start += length;
        }
    }

    /// <summary>Per-thread state: the word cache, the heap merge's arrays, a spaced word normalized.</summary>
    private sealed class State(int vocabularySize)
    {
        public readonly WordCache Cache = new(vocabularySize);
        public readonly SentencePieceBpeMerge.HeapScratch Heap = new();
        public byte[] Word = new byte[64];
    }
}
