using System.Runtime.CompilerServices;
using Tessera.Formats.SentencePiece;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's BPE merge (bpe_model.cc, <c>Model::SampleEncode</c> without dropout) over a range of normalized
/// text: the text starts as characters (a user-defined symbol is one frozen symbol), then the adjacent pair whose
/// concatenation is a piece of the highest score is merged, the leftmost of equal scores first, until no pair is a
/// piece. A piece marked UNUSED may be formed, and is split back at the end into the two symbols it was last recorded
/// from. The result is written as (id, byte length) pairs.
/// </summary>
/// <remarks>
/// Two implementations of the same order: <see cref="MergeByScan"/> looks for the best pair by scanning all of them
/// (short words: a few dozen symbols at most), <see cref="MergeByHeap"/> keeps them in a heap as the C++ does, with stale
/// entries skipped when popped (long texts, and models with UNUSED pieces, whose split-back record depends on the
/// order in which pairs were created).
/// </remarks>
[SkipLocalsInit]
internal static class SentencePieceBpeMerge
{
    /// <summary>
    /// Symbols above which the scan's quadratic cost loses to the heap. Measured on 20 MB of English prose (bpe-8k,
    /// one thread, CPU time): limits of 8 and 16 were 10-15% slower than 32, 48 and 96, which were alike.
    /// </summary>
    public const int ScanLimit = 48;

    /// <summary>Splits text[start..end] into its initial symbols: characters, or user-defined symbols (frozen).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SymbolLength(ReadOnlySpan<byte> text, int at, int end, PieceTrie? userDefined, out bool frozen)
    {
        if (userDefined is not null)
        {
            int matched = userDefined.LongestPrefix(text[at..end], out _);
            if (matched > 0)
            {
                frozen = true;
                return matched;
            }
        }
        frozen = false;
        return Math.Min(Utf8Rules.OneCharLength(text[at]), end - at);
    }

    /// <summary>Counts the initial symbols of text[start..end].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CountSymbols(ReadOnlySpan<byte> text, int start, int end, PieceTrie? userDefined)
    {
        int count = 0;
        for (int at = start; at < end; count++)
            at += SymbolLength(text, at, end, userDefined, out _);
        return count;
    }

    /// <summary>
    /// Merges text[start..end] (which has <paramref name="symbols"/> initial symbols, at most <see cref="ScanLimit"/>)
    /// and appends (id, length) pairs to <paramref name="result"/>; returns the new count of ints in it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MergeByScan(SentencePieceVocabulary vocabulary, ReadOnlySpan<byte> text, int start, int end, int symbols,
        Span<int> result, int used)
    {
        PieceTrie.Node[] nodes = vocabulary.Trie.Nodes;
        float[] scores = vocabulary.Scores;
        PieceTrie? userDefined = vocabulary.UserDefined;
        // Symbol i is text[at[i]..at[i + 1]]; id[i] is its piece once merged (-1 before); state[i] is the trie state
        // its bytes lead to from the root (-1: none, or frozen), so the pair with the next symbol is looked up by
        // walking the next symbol's bytes alone; pair[i] is that pair's state when it ends a piece (-1: none), and
        // pairScore[i] the piece's score.
        Span<int> at = stackalloc int[symbols + 1];
        Span<int> id = stackalloc int[symbols];
        Span<int> state = stackalloc int[symbols];
        Span<int> pair = stackalloc int[symbols];
        Span<float> pairScore = stackalloc float[symbols];
        Span<bool> frozen = stackalloc bool[symbols];
        int n = 0;
        for (int p = start; p < end; n++)
        {
            at[n] = p;
            id[n] = -1;
            int length = SymbolLength(text, p, end, userDefined, out frozen[n]);
            state[n] = frozen[n] ? -1 : Walk(nodes, PieceTrie.Root, text.Slice(p, length));
            p += length;
        }
        at[n] = end;
        for (int i = 0; i < n - 1; i++)
            pair[i] = Pair(nodes, state, frozen, text, at, i, scores, pairScore);

        while (true)
        {
            int best = -1;
            float bestScore = 0;
            for (int i = 0; i < n - 1; i++)
            {
                if (pair[i] >= 0 && (best < 0 || pairScore[i] > bestScore))
                {
                    best = i;
                    bestScore = pairScore[i];
                }
            }
            if (best < 0)
                break;
            id[best] = nodes[pair[best]].Value;
            state[best] = pair[best];
            for (int i = best + 1; i < n - 1; i++)
            {
                at[i] = at[i + 1];
                id[i] = id[i + 1];
                state[i] = state[i + 1];
                frozen[i] = frozen[i + 1];
                pair[i] = pair[i + 1];
                pairScore[i] = pairScore[i + 1];
            }
            n--;
            at[n] = end;
            if (best > 0)
                pair[best - 1] = Pair(nodes, state, frozen, text, at, best - 1, scores, pairScore);
            if (best < n - 1)
                pair[best] = Pair(nodes, state, frozen, text, at, best, scores, pairScore);
        }

        for (int i = 0; i < n; i++)
        {
            result[used++] = id[i] >= 0 ? vocabulary.ResolveTrieId(id[i]) : vocabulary.PieceToId(text[at[i]..at[i + 1]]);
            result[used++] = at[i + 1] - at[i];
        }
        return used;
    }

    /// <summary>The state of the piece that symbols i and i + 1 form (-1: none), its score into pairScore[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pair(PieceTrie.Node[] nodes, Span<int> state, Span<bool> frozen, ReadOnlySpan<byte> text, Span<int> at, int i,
        float[] scores, Span<float> pairScore)
    {
        // A left symbol that starts no piece (or is frozen) pairs with nothing; a frozen right symbol neither.
        if (state[i] < 0 || frozen[i + 1])
            return -1;
        int t = Walk(nodes, state[i], text[at[i + 1]..at[i + 2]]);
        if (t < 0 || nodes[t].Value < 0)
            return -1;
        pairScore[i] = scores[nodes[t].Value];
        return t;
    }

    /// <summary>The trie state after <paramref name="bytes"/> from <paramref name="state"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Walk(PieceTrie.Node[] nodes, int state, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            int t = nodes[state].Base + b;
            if (nodes[t].Check != state)
                return -1;
            state = t;
        }
        return state;
    }

    /// <summary>A candidate merge in the heap: symbols left and right, the piece's score, the merged length.</summary>
    internal struct Candidate
    {
        public int Left, Right, Size, Node;
        public float Score;
    }

    /// <summary>
    /// Merges text[start..end] with a heap, as the C++ does, and appends (id, length) pairs to
    /// <paramref name="result"/> (grown as needed); returns the new count of ints in it. Handles UNUSED pieces.
    /// <paramref name="scratch"/> holds the arrays between calls (one per thread); null allocates them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MergeByHeap(SentencePieceVocabulary vocabulary, ReadOnlySpan<byte> text, int start, int end,
        ref int[] result, int used, HeapScratch? scratch = null)
    {
        PieceTrie? userDefined = vocabulary.UserDefined;
        int symbols = CountSymbols(text, start, end, userDefined);
        if (symbols == 0)
            return used;
        scratch ??= new HeapScratch();
        scratch.Reset(vocabulary, symbols);
        // Symbol i: bytes [at[i], at[i] + size[i]) (size 0 once merged into its left neighbour), linked by prev/next.
        int[] at = scratch.At, size = scratch.Size, prev = scratch.Prev, next = scratch.Next, state = scratch.State;
        bool[] frozen = scratch.Frozen;
        PieceTrie.Node[] nodes = vocabulary.Trie.Nodes;
        int n = 0;
        for (int p = start; p < end; n++)
        {
            at[n] = p;
            size[n] = SymbolLength(text, p, end, userDefined, out frozen[n]);
            state[n] = frozen[n] ? -1 : Walk(nodes, PieceTrie.Root, text.Slice(p, size[n]));
            prev[n] = n - 1;
            p += size[n];
            next[n] = p < end ? n + 1 : -1;
        }

        for (int i = 1; i < n; i++)
            scratch.Consider(text, i - 1, i);
        while (scratch.Count > 0)
        {
            Candidate top = scratch.Pop();
            if (size[top.Left] == 0 || size[top.Right] == 0 || size[top.Left] + size[top.Right] != top.Size)
                continue;
            size[top.Left] += size[top.Right];
            state[top.Left] = top.Node;
            next[top.Left] = next[top.Right];
            if (next[top.Right] >= 0)
                prev[next[top.Right]] = top.Left;
            size[top.Right] = 0;
            scratch.Consider(text, prev[top.Left], top.Left);
            scratch.Consider(text, top.Left, next[top.Left]);
        }

        Dictionary<int, (int, int, int, int)>? splits = scratch.Splits is { Count: > 0 } s ? s : null;
        for (int i = 0; i >= 0; i = next[i])
            used = Resegment(vocabulary, text, at[i], size[i], splits, ref result, used);
        return used;
    }

    /// <summary>Appends the id of text[at..at + size], split back recursively when it is an UNUSED piece.</summary>
    private static int Resegment(SentencePieceVocabulary vocabulary, ReadOnlySpan<byte> text, int at, int size,
        Dictionary<int, (int, int, int, int)>? splits, ref int[] result, int used)
    {
        int id = vocabulary.PieceToId(text.Slice(at, size));
        if (vocabulary.TypeOf(id) == PieceType.Unused && splits is not null && splits.TryGetValue(id, out var split))
        {
            used = Resegment(vocabulary, text, split.Item1, split.Item2, splits, ref result, used);
            return Resegment(vocabulary, text, split.Item3, split.Item4, splits, ref result, used);
        }
        if (result.Length - used < 2)
            Array.Resize(ref result, Math.Max(16, result.Length * 2));
        result[used++] = id;
        result[used++] = size;
        return used;
    }

    /// <summary>
    /// The arrays of <see cref="MergeByHeap"/>, kept between calls: the symbols, the heap of candidate merges and the
    /// split-back record of UNUSED pieces. Not thread-safe: one per thread.
    /// </summary>
    internal sealed class HeapScratch
    {
        private SentencePieceVocabulary? _vocabulary;
        private Candidate[] _heap = new Candidate[64];

        public int[] At = new int[64], Size = new int[64], Prev = new int[64], Next = new int[64], State = new int[64];
        public bool[] Frozen = new bool[64];

        public int Count { get; private set; }

        /// <summary>Unused piece id to the (left start, left size, right start, right size) it was last formed from.</summary>
        public Dictionary<int, (int, int, int, int)>? Splits { get; private set; }

        public void Reset(SentencePieceVocabulary vocabulary, int symbols)
        {
            _vocabulary = vocabulary;
            Count = 0;
            Splits?.Clear();
            if (At.Length < symbols)
            {
                int n = Math.Max(symbols, At.Length * 2);
                (At, Size, Prev, Next, State, Frozen) = (new int[n], new int[n], new int[n], new int[n], new int[n], new bool[n]);
            }
        }

        /// <summary>
        /// <c>MaybeAddNewSymbolPair</c>: queues the merge of symbols left and right when it forms a piece, found by
        /// walking the right symbol's bytes from the trie state of the left one (State: -1 when it starts no piece).
        /// </summary>
        public void Consider(ReadOnlySpan<byte> text, int left, int right)
        {
            if (left < 0 || right < 0 || State[left] < 0 || Frozen[right])
                return;
            SentencePieceVocabulary vocabulary = _vocabulary!;
            int node = Walk(vocabulary.Trie.Nodes, State[left], text.Slice(At[right], Size[right]));
            int piece = node < 0 ? -1 : vocabulary.Trie.Nodes[node].Value;
            if (piece < 0)
                return;
            if (Count == _heap.Length)
                Array.Resize(ref _heap, _heap.Length * 2);
            _heap[Count] = new Candidate { Left = left, Right = right, Size = Size[left] + Size[right], Score = vocabulary.Scores[piece], Node = node };
            SiftUp(_heap, Count++);
            if (vocabulary.Types[piece] == PieceType.Unused)
                (Splits ??= [])[piece] = (At[left], Size[left], At[right], Size[right]);
        }

        public Candidate Pop()
        {
            Candidate top = _heap[0];
            _heap[0] = _heap[--Count];
            SiftDown(_heap, Count, 0);
            return top;
        }
    }

    // The heap's order: higher score first, then the leftmost symbol (SymbolPairComparator).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Candidate a, in Candidate b) => a.Score > b.Score || (a.Score == b.Score && a.Left < b.Left);

    private static void SiftUp(Candidate[] heap, int i)
    {
        Candidate item = heap[i];
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Before(item, heap[parent]))
                break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = item;
    }

    private static void SiftDown(Candidate[] heap, int count, int i)
    {
        if (count == 0)
            return;
        Candidate item = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= count)
                break;
            if (child + 1 < count && Before(heap[child + 1], heap[child]))
                child++;
            if (!Before(heap[child], item))
                break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }
}
