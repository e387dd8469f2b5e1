using System.Text;

namespace Tessera.Training;

/// <summary>
/// Learns BPE merges from pre-token counts the way Hugging Face's <c>BpeTrainer</c> does, so that the same counts and
/// options give the same vocabulary and merges: special tokens first, then the alphabet in code point order, then one
/// token per merge, each merge the pair of adjacent symbols seen most often (counts weighted by the pre-token's count),
/// ties to the smaller pair of ids. See docs/algorithms/bpe-training.md.
/// </summary>
/// <remarks>
/// Pair counts are kept up to date by difference: merging a pair in a word reports the pairs it removed and made
/// (<see cref="TrainingWord.Merge"/>), only in the words where the pair occurs. Candidates wait in a heap with the count
/// they were pushed with and the words they occur in; a candidate whose count has changed since is pushed again with
/// its current count (lazy invalidation). Counts are 64-bit (Hugging Face's are 32-bit and wrap on large corpora).
/// </remarks>
public sealed class BpeTrainer(BpeTrainerOptions options)
{
    private readonly BpeTrainerOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// A candidate merge: its pair, the count it was queued with, the words it was found in when it was queued (each
    /// once, in increasing order; the pair may have left some since, where merging it changes nothing).
    /// </summary>
    private sealed class Candidate(long pair, long count, List<int> words)
    {
        public long Pair { get; } = pair;
        public long Count { get; set; } = count;
        public List<int> Words { get; } = words;
    }

    /// <summary>The largest count first; of equal counts, the smaller pair (left id, then right id).</summary>
    private sealed class CandidateOrder : IComparer<Candidate>
    {
        public static readonly CandidateOrder Instance = new();

        public int Compare(Candidate? x, Candidate? y) =>
            x!.Count != y!.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair);
    }

    /// <summary>
    /// Trains on <paramref name="counts"/> (each pre-token, as the model's characters, and how often it was seen);
    /// <paramref name="mergeDone"/>, when given, is called with the number of merges made so far.
    /// </summary>
    public TrainedBpe Train(IReadOnlyDictionary<string, long> counts, Action<int>? mergeDone = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var vocabulary = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string special in _options.SpecialTokens)
            AddToken(special, vocabulary, ids);
        AddAlphabet(counts, vocabulary, ids);
        // Words in ordinal order: a word's index is only a name, but a fixed order makes every run the same.
        string[] texts = [.. counts.Keys.Order(StringComparer.Ordinal)];
        var words = new TrainingWord[texts.Length];
        var wordCounts = new long[texts.Length];
        for (int w = 0; w < texts.Length; w++)
        {
            words[w] = WordOf(texts[w], ids);
            wordCounts[w] = counts[texts[w]];
        }

        var pairCounts = new Dictionary<long, long>(PairKey.Comparer.Instance);
        var occurrences = new Dictionary<long, List<int>>(PairKey.Comparer.Instance);
        for (int w = 0; w < words.Length; w++)
        {
            TrainingWord word = words[w];
            for (int i = 0; i + 1 < word.Count; i++)
            {
                long pair = PairKey.Of(word.IdAt(i), word.IdAt(i + 1));
                pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + wordCounts[w];
                Occur(occurrences, pair, w);
            }
        }
        var queue = new PriorityQueue<Candidate, Candidate>(CandidateOrder.Instance);
        Enqueue(queue, occurrences, pairCounts);

        var merges = new List<(long Pair, int Merged)>();
        var changes = new List<(long Pair, int Change)>();
        int maxLength = _options.MaxTokenLength ?? int.MaxValue;
        while (vocabulary.Count < _options.VocabSize && queue.TryDequeue(out Candidate? top, out _))
        {
            long current = pairCounts[top.Pair];
            if (top.Count != current)
            {
                top.Count = current; // stale: queued again with its count now
                queue.Enqueue(top, top);
                continue;
            }
            if (top.Count < 1 || top.Count < _options.MinFrequency)
                break;
            int left = PairKey.Left(top.Pair), right = PairKey.Right(top.Pair);
            int merged = AddToken(vocabulary[left] + vocabulary[right], vocabulary, ids);
            merges.Add((top.Pair, merged));

            foreach (int w in top.Words)
            {
                changes.Clear();
                words[w].Merge(left, right, merged, maxLength, changes);
                foreach ((long pair, int change) in changes)
                {
                    pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + change * wordCounts[w];
                    if (change > 0)
                        Occur(occurrences, pair, w);
                }
            }
            Enqueue(queue, occurrences, pairCounts);
            mergeDone?.Invoke(merges.Count);
        }
        return new TrainedBpe(vocabulary, MergesInRankOrder(merges, vocabulary), _options.SpecialTokens);
    }

    /// <summary>The alphabet: every character of the pre-tokens and of the initial alphabet, the least frequent dropped beyond the limit, in code point order.</summary>
    private void AddAlphabet(IReadOnlyDictionary<string, long> counts, List<string> vocabulary, Dictionary<string, int> ids)
    {
        var alphabet = new Dictionary<int, long>();
        foreach ((string word, long count) in counts)
        {
            foreach (Rune rune in word.EnumerateRunes())
                alphabet[rune.Value] = alphabet.GetValueOrDefault(rune.Value) + count;
        }
        foreach (char c in _options.InitialAlphabet)
            alphabet[c] = long.MaxValue;
        IEnumerable<KeyValuePair<int, long>> kept = alphabet;
        if (_options.LimitAlphabet is int limit && alphabet.Count > limit)
            kept = alphabet.OrderBy(p => p.Value).ThenBy(p => p.Key).Skip(alphabet.Count - limit);
        foreach (int c in kept.Select(p => p.Key).Order())
            AddToken(char.ConvertFromUtf32(c), vocabulary, ids);
    }

    /// <summary>A pre-token as the ids of its characters; characters left out of the alphabet are dropped, as Hugging Face does.</summary>
    private static TrainingWord WordOf(string text, Dictionary<string, int> ids)
    {
        var word = new TrainingWord(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (ids.TryGetValue(rune.ToString(), out int id))
                word.Add(id);
        }
        return word;
    }

    private static int AddToken(string token, List<string> vocabulary, Dictionary<string, int> ids)
    {
        if (ids.TryGetValue(token, out int id))
            return id;
        ids[token] = vocabulary.Count;
        vocabulary.Add(token);
        return vocabulary.Count - 1;
    }

    /// <summary>Notes that <paramref name="pair"/> occurs in <paramref name="word"/>; words come in increasing order, so a repeat is the last one noted.</summary>
    private static void Occur(Dictionary<long, List<int>> occurrences, long pair, int word)
    {
        ref List<int>? words = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(occurrences, pair, out _);
        words ??= [];
        if (words.Count == 0 || words[^1] != word)
            words.Add(word);
    }

    /// <summary>Queues each pair of <paramref name="occurrences"/> that still occurs, with the words it was found in, and empties it.</summary>
    private static void Enqueue(PriorityQueue<Candidate, Candidate> queue, Dictionary<long, List<int>> occurrences, Dictionary<long, long> pairCounts)
    {
        foreach ((long pair, List<int> words) in occurrences)
        {
            long count = pairCounts[pair];
            if (count > 0)
            {
                var candidate = new Candidate(pair, count, words);
                queue.Enqueue(candidate, candidate);
            }
        }
        occurrences.Clear();
    }

    /// <summary>
    /// The merges as the tokenizer.json lists them: by rank; a pair merged twice (two candidates of one pair, possible
    /// when a merge makes a token that already exists) keeps its last rank, as Hugging Face's map of merges does.
    /// </summary>
    private static List<(string Left, string Right)> MergesInRankOrder(List<(long Pair, int Merged)> merges, List<string> vocabulary)
    {
        var last = new Dictionary<long, int>();
        for (int rank = 0; rank < merges.Count; rank++)
            last[merges[rank].Pair] = rank;
        var ordered = new List<(string, string)>(last.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            long pair = merges[rank].Pair;
            if (last[pair] == rank)
                ordered.Add((vocabulary[PairKey.Left(pair)], vocabulary[PairKey.Right(pair)]));
        }
        return ordered;
    }
}
