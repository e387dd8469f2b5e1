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
/// (<see cref="TrainingWords.Merge"/>), only in the words where the pair occurs. Candidates wait in a heap with the count
/// they were pushed with and the words they occur in; a candidate whose count has changed since is pushed again with
/// its current count (lazy invalidation). Counts are 64-bit (Hugging Face's are 32-bit and wrap on large corpora).
/// </remarks>
public sealed partial class BpeTrainer(BpeTrainerOptions options)
{
    private readonly BpeTrainerOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Trains on <paramref name="counts"/> (each pre-token, as the model's characters, and how often it was seen);
    /// <paramref name="mergeDone"/>, when given, is called with the number of merges made so far.
    /// </summary>
    public TrainedBpe Train(IReadOnlyDictionary<string, long> counts, Action<int>? mergeDone = null) => Train(counts, null, mergeDone);

    /// <summary>
    /// Continues training from <paramref name="start"/>: its tokens keep their ids and its merges their ranks; the
    /// pre-tokens are first segmented with its merges (lowest rank first, as its tokenizer would), then merging goes on
    /// as <see cref="Train(IReadOnlyDictionary{string, long}, Action{int}?)"/> does until the vocabulary size. New
    /// characters of the alphabet are added after the existing tokens.
    /// </summary>
    public TrainedBpe Resume(BpeStart start, IReadOnlyDictionary<string, long> counts, Action<int>? mergeDone = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        return Train(counts, start, mergeDone);
    }

    private TrainedBpe Train(IReadOnlyDictionary<string, long> counts, BpeStart? start, Action<int>? mergeDone)
    {
        (List<string> vocabulary, Dictionary<string, int> ids, TrainingWords words, long[] wordCounts) = Begin(counts, start);
        var merges = new List<(long Pair, int Merged)>();
        if (start is not null)
            Replay(start, words, vocabulary, ids, merges);

        // Every pair's count, then every pair queued with the words it occurs in.
        var pairCounts = new Dictionary<long, long>(PairKey.Comparer.Instance);
        for (int w = 0; w < words.Count; w++)
        {
            ReadOnlySpan<int> symbols = words.Symbols(w);
            for (int i = 0; i + 1 < symbols.Length; i++)
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, PairKey.Of(symbols[i], symbols[i + 1]), out _) += wordCounts[w];
        }
        var queue = new PriorityQueue<Occurrences, Rank>(pairCounts.Count, RankOrder.Instance);
        EnqueueAll(queue, words, pairCounts);
        var found = new List<(long Pair, int Word)>();
        var changes = new List<(long Pair, int Change)>();
        int maxLength = _options.MaxTokenLength ?? int.MaxValue;
        var vetoed = new HashSet<long>();
        while (vocabulary.Count < _options.VocabSize && queue.TryDequeue(out Occurrences occurrences, out Rank top))
        {
            long current = pairCounts.GetValueOrDefault(top.Pair);
            if (top.Count != current)
            {
                queue.Enqueue(occurrences, top with { Count = current }); // stale: queued again with its count now
                continue;
            }
            if (top.Count < 1 || top.Count < _options.MinFrequency)
                break;
            int left = PairKey.Left(top.Pair), right = PairKey.Right(top.Pair);
            if (vetoed.Contains(top.Pair) || (_options.VetoMerge is { } veto && veto(vocabulary[left], vocabulary[right]) && vetoed.Add(top.Pair)))
                continue; // never merged: dropped each time it comes up
            int merged = AddToken(vocabulary[left] + WithoutPrefix(vocabulary[right]), vocabulary, ids);
            merges.Add((top.Pair, merged));

            foreach (int w in occurrences.Words)
            {
                changes.Clear();
                words.Merge(w, left, right, merged, maxLength, changes);
                foreach ((long pair, int change) in changes)
                {
                    ref long count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _);
                    count += change * wordCounts[w];
                    if (count == 0)
                        pairCounts.Remove(pair); // a pair gone for good: looked up again, it counts 0
                    if (change > 0)
                        found.Add((pair, w));
                }
            }
            Enqueue(queue, found, pairCounts);
            mergeDone?.Invoke(merges.Count);
        }
        return new TrainedBpe(vocabulary, MergesInRankOrder(merges, vocabulary), _options);
    }

    /// <summary>
    /// The vocabulary before any merge (the tokens of <paramref name="start"/>, if any; the special tokens; the byte
    /// pieces; the alphabet) and the pre-tokens as its ids with their counts, in ordinal order (a word's index is only a
    /// name, but a fixed order makes every run the same).
    /// </summary>
    private (List<string> Vocabulary, Dictionary<string, int> Ids, TrainingWords Words, long[] WordCounts) Begin(IReadOnlyDictionary<string, long> counts,
        BpeStart? start)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var vocabulary = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string token in start?.Vocabulary ?? [])
            AddToken(token, vocabulary, ids);
        foreach (string special in _options.SpecialTokens)
            AddToken(special, vocabulary, ids);
        if (_options.ByteFallback)
        {
            for (int b = 0; b < 256; b++)
                AddToken($"<0x{b:X2}>", vocabulary, ids);
        }
        AddAlphabet(counts, vocabulary, ids);
        string[] texts = [.. counts.Keys.Order(StringComparer.Ordinal)];
        return (vocabulary, ids, WordsOf(texts, vocabulary, ids), [.. texts.Select(t => counts[t])]);
    }

    /// <summary>
    /// Segments every word with <paramref name="start"/>'s merges (the lowest-ranked pair first, all its occurrences
    /// left to right, as a BPE tokenizer does) and lists those merges first.
    /// </summary>
    private void Replay(BpeStart start, TrainingWords words, List<string> vocabulary, Dictionary<string, int> ids, List<(long Pair, int Merged)> merges)
    {
        var ranks = new Dictionary<long, (int Rank, int Merged)>(PairKey.Comparer.Instance);
        foreach ((string leftToken, string rightToken) in start.Merges)
        {
            if (!ids.TryGetValue(leftToken, out int left) || !ids.TryGetValue(rightToken, out int right)
                || !ids.TryGetValue(leftToken + WithoutPrefix(rightToken), out int merged))
                throw new ArgumentException($"the merge '{leftToken} {rightToken}' joins tokens the vocabulary to continue from lacks");
            long pair = PairKey.Of(left, right);
            ranks.TryAdd(pair, (merges.Count, merged));
            merges.Add((pair, merged));
        }
        var changes = new List<(long Pair, int Change)>();
        int maxLength = _options.MaxTokenLength ?? int.MaxValue;
        for (int w = 0; w < words.Count; w++)
        {
            while (true)
            {
                ReadOnlySpan<int> symbols = words.Symbols(w);
                (int Rank, int Merged) best = (int.MaxValue, -1);
                long bestPair = 0;
                for (int i = 0; i + 1 < symbols.Length; i++)
                {
                    long pair = PairKey.Of(symbols[i], symbols[i + 1]);
                    if (ranks.TryGetValue(pair, out var found) && found.Rank < best.Rank)
                        (best, bestPair) = (found, pair);
                }
                if (best.Merged < 0)
                    break;
                changes.Clear();
                words.Merge(w, PairKey.Left(bestPair), PairKey.Right(bestPair), best.Merged, maxLength, changes);
            }
        }
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

    /// <summary>
    /// The pre-tokens as the ids of their characters (characters left out of the alphabet are dropped, as Hugging Face
    /// does); with a continuing-subword prefix or an end-of-word suffix, a character after a word's first, or its last,
    /// is the token of the character with them, added to the vocabulary when first met (in the words' order).
    /// </summary>
    private TrainingWords WordsOf(string[] texts, List<string> vocabulary, Dictionary<string, int> ids)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var marked = new Dictionary<(int Rune, bool NotFirst, bool Last), int>();
        string? prefix = _options.ContinuingSubwordPrefix, suffix = _options.EndOfWordSuffix;
        int[] symbols = new int[texts.Sum(t => t.Length)]; // at most one symbol per UTF-16 unit
        int[] start = new int[texts.Length], count = new int[texts.Length];
        int at = 0;
        for (int w = 0; w < texts.Length; w++)
        {
            start[w] = at;
            string text = texts[w];
            for (int i = 0; i < text.Length;)
            {
                int length = char.IsSurrogatePair(text, i) ? 2 : 1;
                ReadOnlySpan<char> character = text.AsSpan(i, length);
                bool notFirst = i > 0 && prefix is not null, last = i + length == text.Length && suffix is not null;
                i += length;
                if (!lookup.TryGetValue(character, out int id))
                    continue;
                if (notFirst || last)
                {
                    var key = (char.ConvertToUtf32(text, i - length), notFirst, last);
                    if (!marked.TryGetValue(key, out id))
                        marked[key] = id = AddToken((notFirst ? prefix : "") + character.ToString() + (last ? suffix : ""), vocabulary, ids);
                }
                symbols[at++] = id;
            }
            count[w] = at - start[w];
        }
        return new TrainingWords(symbols, start, count, _options.MaxTokenLength is not null);
    }

    /// <summary>A token as the right part of a merge: without the continuing-subword prefix it starts with, if any.</summary>
    private string WithoutPrefix(string token) =>
        _options.ContinuingSubwordPrefix is { Length: > 0 } prefix && token.StartsWith(prefix, StringComparison.Ordinal) ? token[prefix.Length..] : token;

    private static int AddToken(string token, List<string> vocabulary, Dictionary<string, int> ids)
    {
        if (ids.TryGetValue(token, out int id))
            return id;
        ids[token] = vocabulary.Count;
        vocabulary.Add(token);
        return vocabulary.Count - 1;
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
