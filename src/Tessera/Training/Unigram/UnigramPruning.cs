namespace Tessera.Training.Unigram;

/// <summary>
/// One pruning round, as SentencePiece does it: each piece's second-best segmentation (the best without the piece
/// itself) is what would replace it; a piece whose own best segmentation is already split goes; the words' best
/// segmentations give each piece's count; the loss of a piece is how much the corpus's likelihood falls when its
/// occurrences are replaced by its alternatives (approximated: its count moves to the alternatives); pieces without
/// alternatives stay, and of the rest the ones with the highest losses, until
/// max(desired size, shrinking factor × pieces) are kept. The total after a removal adds the piece's count once per
/// piece in the vocabulary (spm_train up to 0.1.99, and Hugging Face's trainer), or with <c>correctedLoss</c> once per
/// alternative less one (spm_train since).
/// </summary>
internal static class UnigramPruning
{
    /// <summary>The seeds kept, and their scores (unchanged).</summary>
    public static (int[] Seeds, double[] Scores) Prune(UnigramCorpus corpus, WordEdges edges, SeedTrie trie, SeedList seeds, PieceState state,
        int desiredSize, double shrinkingFactor, int maxLength, bool correctedLoss, int threads)
    {
        int count = state.Count;
        var alwaysKeep = new bool[count];
        var alternatives = new int[count][];
        UnigramEm.ForEachWord(count, threads, 0, (lattice, piece, _) =>
        {
            (alwaysKeep[piece], alternatives[piece]) = Alternatives(lattice, seeds.Symbols(state.SeedOfPiece[piece]), trie, maxLength, state);
        });

        long[] frequency = UnigramEm.AddUp(UnigramEm.ForEachWord(corpus.WordCount, threads, count, (lattice, word, sum) =>
        {
            (ReadOnlyMemory<int> spans, ReadOnlyMemory<int> seedsOf) = edges.Of(word);
            lattice.Set(corpus.WordStarts[word + 1] - corpus.WordStarts[word] - 1, spans.Span, seedsOf.Span, state);
            List<int> path = Path();
            lattice.Best(state, path);
            foreach (int edge in path)
                sum[TrainingLattice.CountedAs(lattice.PieceOf(edge))] += corpus.WordCounts[word];
        }));
        double wordTotal = corpus.WordCounts.Sum();
        double total = frequency.Sum();
        double logTotal = Math.Log(total);

        var kept = new List<int>();
        var candidates = new List<(int Piece, double Loss)>();
        for (int piece = 0; piece < count; piece++)
        {
            if (frequency[piece] == 0 || !alwaysKeep[piece])
                continue;
            int[] alternative = alternatives[piece];
            if (alternative.Length == 0)
            {
                kept.Add(piece);
                continue;
            }
            double f = frequency[piece];
            double logProbability = Math.Log(f) - logTotal;
            double logTotalAfter = Math.Log(total + f * ((correctedLoss ? alternative.Length : count) - 1));
            double logProbabilityAfter = 0;
            foreach (int other in alternative)
                logProbabilityAfter += Math.Log(frequency[other] + f) - logTotalAfter;
            candidates.Add((piece, f / wordTotal * (logProbability - logProbabilityAfter)));
        }
        int size = Math.Max(desiredSize, (int)(shrinkingFactor * count));
        candidates.Sort((a, b) => a.Loss != b.Loss ? b.Loss.CompareTo(a.Loss) : a.Piece.CompareTo(b.Piece));
        foreach ((int piece, _) in candidates)
        {
            if (kept.Count >= size)
                break;
            kept.Add(piece);
        }
        return ([.. kept.Select(p => state.SeedOfPiece[p])], [.. kept.Select(p => state.Scores[p])]);
    }

    /// <summary>
    /// Whether the piece must stay (its best segmentation is itself) and, if so, what its second-best segmentation
    /// is made of (an unknown character counted as piece 0; empty when there is none).
    /// </summary>
    private static (bool Keep, int[] Alternative) Alternatives(TrainingLattice lattice, ReadOnlySpan<int> symbols, SeedTrie trie, int maxLength,
        PieceState state)
    {
        lattice.Set(symbols, trie, maxLength, state);
        List<int> path = Path();
        lattice.Best(state, path);
        if (path.Count >= 2)
            return (false, []);
        int whole = path[0];
        if (!lattice.Best(state, path, without: whole))
            return (true, []);
        return (true, [.. path.Select(e => TrainingLattice.CountedAs(lattice.PieceOf(e)))]);
    }

    [ThreadStatic]
    private static List<int>? t_path;

    private static List<int> Path() => t_path ??= [];
}
