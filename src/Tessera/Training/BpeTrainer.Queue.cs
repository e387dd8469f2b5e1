namespace Tessera.Training;

public sealed partial class BpeTrainer
{
    /// <summary>
    /// The words a candidate merge was found in when it was queued (each once, in increasing order; the pair may have
    /// left some of them since, where merging it changes nothing): a slice of an array of <see cref="WordGaps"/> shared
    /// with the other pairs queued at the same time. Held in the heap by value beside its <see cref="Rank"/>: no object
    /// per candidate.
    /// </summary>
    private readonly record struct Occurrences(byte[] Gaps, int From, int Length)
    {
        public WordGaps.Reader Words => new(Gaps.AsSpan(From, Length));
    }

    /// <summary>A candidate's place in the heap: the count it was queued with, and its pair.</summary>
    private readonly record struct Rank(long Count, long Pair);

    /// <summary>The largest count first; of equal counts, the smaller pair (left id, then right id).</summary>
    private sealed class RankOrder : IComparer<Rank>
    {
        public static readonly RankOrder Instance = new();

        public int Compare(Rank x, Rank y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair);
    }

    /// <summary>
    /// Queues every pair of the words with the words it occurs in, as <see cref="Enqueue"/> would from the list of
    /// every pair and its word, in the same order, without that list (16 bytes an occurrence, 30 MB for 100 MB of
    /// prose): the bytes of each pair's words are counted first, then the words are written (a counting sort).
    /// </summary>
    private static void EnqueueAll(PriorityQueue<Occurrences, Rank> queue, TrainingWords words, Dictionary<long, long> pairCounts)
    {
        long[] pairs = [.. pairCounts.Keys];
        Array.Sort(pairs);
        var slots = new Dictionary<long, int>(pairs.Length, PairKey.Comparer.Instance);
        for (int i = 0; i < pairs.Length; i++)
            slots[pairs[i]] = i;
        int[] start = new int[pairs.Length + 1], lastWord = new int[pairs.Length];
        Array.Fill(lastWord, -1);
        ForEachFirstOccurrence(words, slots, lastWord, (slot, gap) => start[slot + 1] += WordGaps.Size(gap));
        for (int i = 0; i < pairs.Length; i++)
            start[i + 1] += start[i];
        byte[] gaps = new byte[start[^1]];
        int[] next = start[..^1];
        Array.Fill(lastWord, -1);
        ForEachFirstOccurrence(words, slots, lastWord, (slot, gap) => next[slot] = WordGaps.Write(gaps, next[slot], gap));
        for (int i = 0; i < pairs.Length; i++)
        {
            if (pairCounts[pairs[i]] > 0)
                queue.Enqueue(new Occurrences(gaps, start[i], start[i + 1] - start[i]), new Rank(pairCounts[pairs[i]], pairs[i]));
        }
    }

    /// <summary>
    /// Calls <paramref name="found"/> with the slot of each pair of each word, the first time the word holds it, and the
    /// gap from the last word that held it (<paramref name="lastWord"/>, -1 before the first).
    /// </summary>
    private static void ForEachFirstOccurrence(TrainingWords words, Dictionary<long, int> slots, int[] lastWord, Action<int, int> found)
    {
        for (int w = 0; w < words.Count; w++)
        {
            ReadOnlySpan<int> symbols = words.Symbols(w);
            for (int i = 0; i + 1 < symbols.Length; i++)
            {
                int slot = slots[PairKey.Of(symbols[i], symbols[i + 1])];
                if (lastWord[slot] != w)
                {
                    found(slot, w - lastWord[slot]);
                    lastWord[slot] = w;
                }
            }
        }
    }

    /// <summary>
    /// Queues each pair of <paramref name="found"/> (pairs and the words they were found in) that still occurs, with
    /// its words once each, and empties it. The words of all the pairs go into one array, each pair's a slice: a list
    /// per pair held most of the trainer's memory.
    /// </summary>
    private static void Enqueue(PriorityQueue<Occurrences, Rank> queue, List<(long Pair, int Word)> found, Dictionary<long, long> pairCounts)
    {
        found.Sort(); // by pair, then word
        // First the room the kept words take (each pair that still occurs, each of its words once), then the words.
        int size = 0;
        for (int i = 0; i < found.Count; i++)
        {
            bool first = i == 0 || found[i - 1].Pair != found[i].Pair;
            if ((first || found[i - 1].Word != found[i].Word) && pairCounts.GetValueOrDefault(found[i].Pair) > 0)
                size += WordGaps.Size(found[i].Word - (first ? -1 : found[i - 1].Word));
        }
        byte[] gaps = new byte[size];
        int at = 0;
        for (int i = 0; i < found.Count;)
        {
            long pair = found[i].Pair;
            bool keep = pairCounts.GetValueOrDefault(pair) > 0;
            int from = at, last = -1;
            for (; i < found.Count && found[i].Pair == pair; i++)
            {
                if (keep && found[i].Word != last)
                    at = WordGaps.Write(gaps, at, found[i].Word - last);
                last = found[i].Word;
            }
            if (keep)
                queue.Enqueue(new Occurrences(gaps, from, at - from), new Rank(pairCounts[pair], pair));
        }
        found.Clear();
    }
}
