namespace Tessera.Training.Unigram;

/// <summary>
/// The pieces EM starts from, as spm_train chooses them: every character of the alphabet (most frequent first), then
/// the substrings that occur at least twice and are followed by more than one thing (the internal nodes of the
/// corpus's suffix tree), valid as pieces, scored by occurrences times length, the best
/// <see cref="UnigramTrainerOptions.SeedSize"/> of them (ties to the lower code points).
/// </summary>
/// <remarks>
/// spm_train builds a suffix array of the whole corpus; here it is built over the distinct words, each occurrence of a
/// suffix weighted by its word's count, and sorted only as deep as a piece can be long. In running text a word's end is
/// followed by a space ("▁", the next word's start) or by the end of the line; the counts say which words were seen
/// where, so a substring that ends words is a node exactly when spm_train's suffix tree branches there.
/// </remarks>
internal static class SeedPieces
{
    /// <summary>A seed: where its symbols are in the corpus's text, how many, and its score.</summary>
    public readonly record struct Seed(int At, int Length, long Score);

    /// <summary>The substrings, best first (the alphabet's characters are not among them).</summary>
    public static List<Seed> Substrings(UnigramCorpus corpus, PieceRules rules, int maxLength, int limit)
    {
        int[] text = corpus.Symbols;
        int[] suffixes = SuffixSort.Sort(text, maxLength + 1);
        byte[] lcp = SuffixSort.CommonPrefixes(text, suffixes, maxLength + 1);
        int[] wordOf = WordOf(corpus);
        long[] weight = WeightsBefore(corpus, suffixes, wordOf);
        var best = new BoundedBest(limit);
        var codePoints = new int[maxLength];

        void Offer(int rank, int length, long occurrences)
        {
            if (length < 2 || length > maxLength || occurrences < 2)
                return;
            int at = suffixes[rank];
            for (int k = 0; k < length; k++)
                codePoints[k] = corpus.CodePoints[text[at + k]];
            if (rules.IsValid(codePoints.AsSpan(0, length)))
                best.Add(new Candidate(occurrences * length, rank, length));
        }

        // internal nodes: the lcp intervals, found bottom-up with a stack of (depth, left end, child boundaries)
        var open = new List<(int Depth, int Left, int Boundaries)> { (0, 0, 0) };
        for (int i = 1; i <= suffixes.Length; i++)
        {
            int depth = i < suffixes.Length ? lcp[i] : 0;
            int left = i - 1;
            while (depth < open[^1].Depth)
            {
                (int nodeDepth, int nodeLeft, int boundaries) = open[^1];
                open.RemoveAt(open.Count - 1);
                if (BranchesInRunningText(nodeLeft, nodeDepth, boundaries + 1))
                    Offer(nodeLeft, nodeDepth, weight[i] - weight[nodeLeft]);
                left = nodeLeft;
            }
            if (depth > open[^1].Depth)
                open.Add((depth, left, 1));
            else if (i < suffixes.Length)
                open[^1] = open[^1] with { Boundaries = open[^1].Boundaries + 1 };
        }
        // a word's suffix no other suffix starts with: a node in running text if the word was seen both followed by
        // another word and at the end of a line
        for (int i = 0; i < suffixes.Length; i++)
        {
            int toEnd = text.AsSpan(suffixes[i]).IndexOf(0);
            int shared = Math.Max(lcp[i], i + 1 < suffixes.Length ? lcp[i + 1] : 0);
            if (toEnd <= maxLength && shared < toEnd && corpus.WordPlaces[wordOf[suffixes[i]]] is (true, true))
                Offer(i, toEnd, weight[i + 1] - weight[i]);
        }

        // Whether the substring of depth d shared by ranks [left, ...) with that many children (each suffix ending there
        // a child of its own) is followed by two or more different things in the running text: the symbols after it in
        // the words it does not end, a space (where a word it ends was followed by another) and the end of a line.
        bool BranchesInRunningText(int left, int d, int children)
        {
            int ending = 0;
            bool inside = false, atEnd = false;
            for (int k = left; k < suffixes.Length && text[suffixes[k] + d] == 0; k++)
            {
                ending++;
                (bool wordInside, bool wordAtEnd) = corpus.WordPlaces[wordOf[suffixes[k]]];
                inside |= wordInside;
                atEnd |= wordAtEnd;
            }
            return children - ending + (inside ? 1 : 0) + (atEnd ? 1 : 0) >= 2;
        }

        List<Candidate> chosen = best.Sorted();
        return chosen.ConvertAll(c => new Seed(suffixes[c.Rank], c.Length, c.Score));
    }

    /// <summary>The word each position of the corpus's text is in.</summary>
    private static int[] WordOf(UnigramCorpus corpus)
    {
        var wordOf = new int[corpus.Symbols.Length];
        for (int w = 0; w < corpus.WordCount; w++)
            wordOf.AsSpan(corpus.WordStarts[w], corpus.WordStarts[w + 1] - corpus.WordStarts[w]).Fill(w);
        return wordOf;
    }

    /// <summary><c>weight[i]</c>: the occurrences of the suffixes before rank <c>i</c> (each its word's count).</summary>
    private static long[] WeightsBefore(UnigramCorpus corpus, int[] suffixes, int[] wordOf)
    {
        var weight = new long[suffixes.Length + 1];
        for (int i = 0; i < suffixes.Length; i++)
            weight[i + 1] = weight[i] + corpus.WordCounts[wordOf[suffixes[i]]];
        return weight;
    }

    private readonly record struct Candidate(long Score, int Rank, int Length);

    /// <summary>Keeps the best <c>limit</c> candidates (score, then lower rank), sorting and cutting when four times over.</summary>
    private sealed class BoundedBest(int limit)
    {
        private readonly List<Candidate> _items = [];

        public void Add(Candidate candidate)
        {
            if (_items.Count >= 4 * Math.Max(limit, 1024))
                Cut();
            _items.Add(candidate);
        }

        public List<Candidate> Sorted()
        {
            Cut();
            return _items;
        }

        private void Cut()
        {
            _items.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Rank.CompareTo(b.Rank));
            if (_items.Count > limit)
                _items.RemoveRange(limit, _items.Count - limit);
        }
    }
}
