using System.Runtime.InteropServices;

namespace Tessera.Training;

public sealed partial class BpeTrainer
{
    /// <summary>The largest score first; of equal scores, the smaller pair.</summary>
    private sealed class ScoreOrder : IComparer<(double Score, long Pair)>
    {
        public static readonly ScoreOrder Instance = new();

        public int Compare((double Score, long Pair) x, (double Score, long Pair) y) =>
            x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Pair.CompareTo(y.Pair);
    }

    /// <summary>
    /// Trains WordPiece as its paper does (Schuster and Nakajima; what Google's BERT vocabulary builder approximates):
    /// each merge the pair of adjacent symbols with the highest count(ab) / (count(a) count(b)) — the merge that raises
    /// the corpus's likelihood under a unigram model most — rather than the most frequent pair. Counts are weighted by
    /// the pre-tokens' counts; ties to the smaller pair of ids. Special tokens, byte pieces, alphabet, prefix and suffix as in
    /// <see cref="Train(IReadOnlyDictionary{string, long}, Action{int}?)"/>. See docs/algorithms/bpe-training.md.
    /// </summary>
    /// <remarks>
    /// A merge lowers the counts of its two symbols, which raises the score of every other pair holding them: those
    /// pairs are queued again with their new scores at once (a symbol's pairs are indexed); a pair whose score fell is
    /// queued again when it comes up (lazy invalidation), and an entry below its pair's current score is dropped.
    /// </remarks>
    public TrainedBpe TrainByLikelihood(IReadOnlyDictionary<string, long> counts, Action<int>? mergeDone = null)
    {
        (List<string> vocabulary, Dictionary<string, int> ids, TrainingWords words, long[] wordCounts) = Begin(counts, start: null);

        var symbolCounts = new List<long>(new long[vocabulary.Count]);
        var pairCounts = new Dictionary<long, long>(PairKey.Comparer.Instance);
        var pairWords = new Dictionary<long, List<int>>(PairKey.Comparer.Instance);
        var pairsOf = new Dictionary<int, HashSet<long>>();
        for (int w = 0; w < words.Count; w++)
        {
            ReadOnlySpan<int> symbols = words.Symbols(w);
            for (int i = 0; i < symbols.Length; i++)
            {
                symbolCounts[symbols[i]] += wordCounts[w];
                if (i + 1 < symbols.Length)
                    AddPair(PairKey.Of(symbols[i], symbols[i + 1]), w, wordCounts[w]);
            }
        }
        double Score(long pair) => pairCounts[pair] / ((double)symbolCounts[PairKey.Left(pair)] * symbolCounts[PairKey.Right(pair)]);
        var queue = new PriorityQueue<long, (double Score, long Pair)>(ScoreOrder.Instance);
        foreach (long pair in pairCounts.Keys)
            queue.Enqueue(pair, (Score(pair), pair));

        int maxLength = _options.MaxTokenLength ?? int.MaxValue;
        var changes = new List<(long Pair, int Change)>();
        var vetoed = new HashSet<long>();
        int merges = 0;
        while (vocabulary.Count < _options.VocabSize && queue.TryDequeue(out long top, out (double Score, long Pair) queued))
        {
            if (!pairCounts.TryGetValue(top, out long pairCount))
                continue;
            double score = Score(top);
            if (score != queued.Score)
            {
                if (score < queued.Score)
                    queue.Enqueue(top, (score, top)); // fell: its place is lower now
                continue; // else a newer entry holds it
            }
            int left = PairKey.Left(top), right = PairKey.Right(top);
            if (pairCount < _options.MinFrequency || vetoed.Contains(top))
                continue; // too rare (until merges make more of it), or vetoed for good
            if (_options.VetoMerge is { } veto && veto(vocabulary[left], vocabulary[right]))
            {
                vetoed.Add(top);
                continue;
            }
            int merged = AddToken(vocabulary[left] + WithoutPrefix(vocabulary[right]), vocabulary, ids);
            while (symbolCounts.Count < vocabulary.Count)
                symbolCounts.Add(0);
            foreach (int w in pairWords[top].ToArray())
            {
                int before = words.Symbols(w).Length;
                changes.Clear();
                words.Merge(w, left, right, merged, maxLength, changes);
                long made = (before - words.Symbols(w).Length) * wordCounts[w];
                symbolCounts[left] -= made;
                symbolCounts[right] -= made;
                symbolCounts[merged] += made;
                foreach ((long pair, int change) in changes)
                {
                    if (change > 0)
                        AddPair(pair, w, wordCounts[w]);
                    else if ((pairCounts[pair] -= wordCounts[w]) == 0)
                        RemovePair(pair);
                }
            }
            RemovePair(top);
            foreach (int symbol in new[] { left, right, merged }.Distinct())
            {
                if (pairsOf.TryGetValue(symbol, out HashSet<long>? pairs))
                {
                    foreach (long pair in pairs)
                        queue.Enqueue(pair, (Score(pair), pair));
                }
            }
            mergeDone?.Invoke(++merges);
        }
        return new TrainedBpe(vocabulary, [], _options);

        void AddPair(long pair, int word, long count)
        {
            ref long total = ref CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out bool existed);
            total += count;
            if (!existed)
            {
                pairWords[pair] = [];
                Index(PairKey.Left(pair)).Add(pair);
                Index(PairKey.Right(pair)).Add(pair);
            }
            List<int> list = pairWords[pair];
            if (list.Count == 0 || list[^1] != word)
                list.Add(word);
        }

        void RemovePair(long pair)
        {
            pairCounts.Remove(pair);
            pairWords.Remove(pair);
            Index(PairKey.Left(pair)).Remove(pair);
            Index(PairKey.Right(pair)).Remove(pair);
        }

        HashSet<long> Index(int symbol)
        {
            ref HashSet<long>? pairs = ref CollectionsMarshal.GetValueRefOrAddDefault(pairsOf, symbol, out _);
            return pairs ??= [];
        }
    }
}
