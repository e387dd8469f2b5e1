namespace Tessera.Training.Unigram;

/// <summary>
/// The EM steps of unigram training, as SentencePiece does them: the E-step adds up each piece's expected count over
/// all words (forward-backward on each word's lattice, times the word's count); the M-step drops pieces expected less
/// than half a time and scores the rest by the Bayesian (variational) update digamma(count) - digamma(total), which
/// acts as a sparse prior.
/// </summary>
internal static class UnigramEm
{
    private const double Threshold = 0.5;
    private const int WordsPerTask = 2048;

    /// <summary>Each piece's expected count (in units of <see cref="PieceState.FixedPoint"/>), on <paramref name="threads"/> threads.</summary>
    public static long[] ExpectedCounts(UnigramCorpus corpus, WordEdges edges, PieceState state, int threads)
    {
        long[][] sums = ForEachWord(corpus.WordCount, threads, state.Count, (lattice, word, sum) =>
        {
            (ReadOnlyMemory<int> spans, ReadOnlyMemory<int> seeds) = edges.Of(word);
            lattice.Set(corpus.WordStarts[word + 1] - corpus.WordStarts[word] - 1, spans.Span, seeds.Span, state);
            lattice.AddExpected(corpus.WordCounts[word], state, sum);
        });
        return AddUp(sums);
    }

    /// <summary>The M-step: the seeds kept and their new scores.</summary>
    public static (int[] Seeds, double[] Scores) Maximize(PieceState state, long[] expected)
    {
        var seeds = new List<int>();
        var counts = new List<double>();
        double total = 0;
        for (int piece = 0; piece < state.Count; piece++)
        {
            double count = expected[piece] / PieceState.FixedPoint;
            if (count < Threshold)
                continue;
            seeds.Add(state.SeedOfPiece[piece]);
            counts.Add(count);
            total += count;
        }
        double logTotal = Digamma(total);
        return ([.. seeds], [.. counts.Select(c => Digamma(c) - logTotal)]);
    }

    /// <summary>The digamma function, by recurrence up to 7 and then its asymptotic series (as SentencePiece computes it).</summary>
    public static double Digamma(double x)
    {
        double result = 0;
        for (; x < 7; x++)
            result -= 1 / x;
        x -= 0.5;
        double xx = 1 / x, xx2 = xx * xx, xx4 = xx2 * xx2;
        return result + Math.Log(x) + xx2 / 24 - 7.0 / 960 * xx4 + 31.0 / 8064 * xx4 * xx2 - 127.0 / 30720 * xx4 * xx4;
    }

    /// <summary>
    /// Runs <paramref name="each"/> on every word, on <paramref name="threads"/> threads taking words in blocks, each
    /// thread with its own lattice and its own sums of <paramref name="width"/> entries (returned, one per thread).
    /// </summary>
    public static long[][] ForEachWord(int words, int threads, int width, Action<TrainingLattice, int, long[]> each)
    {
        threads = Math.Max(1, threads);
        var sums = new long[threads][];
        int next = 0;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var lattice = new TrainingLattice();
            long[] sum = sums[t] = new long[width];
            int from;
            while ((from = Interlocked.Add(ref next, WordsPerTask) - WordsPerTask) < words)
            {
                int to = Math.Min(words, from + WordsPerTask);
                for (int word = from; word < to; word++)
                    each(lattice, word, sum);
            }
        });
        return sums;
    }

    /// <summary>The threads' sums added into the first (integers: the same in any order).</summary>
    public static long[] AddUp(long[][] sums)
    {
        long[] total = sums[0];
        for (int t = 1; t < sums.Length; t++)
        {
            for (int i = 0; i < total.Length; i++)
                total[i] += sums[t][i];
        }
        return total;
    }
}
