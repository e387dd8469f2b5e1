using System.Text;

namespace Tessera.Training.Unigram;

/// <summary>
/// Trains a unigram language model tokenizer as spm_train does (<c>--model_type=unigram</c>): seed pieces from the
/// suffix array, then rounds of EM (<see cref="UnigramTrainerOptions.SubIterations"/> each) and pruning until at most
/// 1.1 × the vocabulary is left, then the best-scored pieces and every character of the alphabet. Trained on word
/// counts (<see cref="SentencePieceWordCounter"/>); deterministic: the same counts and options give the same model
/// whatever the thread count.
/// </summary>
public sealed class UnigramTrainer
{
    private readonly UnigramTrainerOptions _options;

    /// <summary>A trainer with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public UnigramTrainer(UnigramTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CharacterCoverage is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"character coverage {options.CharacterCoverage} must be in (0, 1]");
        if (options.ShrinkingFactor is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"shrinking factor {options.ShrinkingFactor} must be in (0, 1)");
        if (options.MaxPieceLength is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(options), $"max piece length {options.MaxPieceLength} must be 1 to 32");
        if (options.SubIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "at least one EM iteration is needed between prunings");
        _options = options;
    }

    /// <summary>
    /// Trains on <paramref name="words"/> (as <see cref="SentencePieceWordCounter"/> counts them), of which
    /// <paramref name="lineEnds"/> ended lines (without it, every word is taken to have been seen both inside and at the
    /// end of a line); <paramref name="progress"/>, when given, hears the pieces left after each round.
    /// </summary>
    /// <exception cref="ArgumentException">The vocabulary cannot hold the alphabet and meta pieces, the corpus has too few pieces for it, or the normalization rule is not one Tessera builds.</exception>
    public TrainedUnigram Train(IReadOnlyDictionary<string, long> words, IReadOnlyDictionary<string, long>? lineEnds = null, Action<UnigramProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (!Normalizers.NormalizationRules.Names.Contains(_options.NormalizationRule))
            throw Normalizers.NormalizationRules.Unknown(_options.NormalizationRule);
        if (words.Count == 0)
            throw new ArgumentException("the corpus has no words", nameof(words));
        (string Piece, MetaPieceKind Kind)[] meta = [.. _options.MetaPieces()];
        var corpus = UnigramCorpus.From(words, lineEnds, _options.CharacterCoverage);
        if (corpus.Alphabet.Length + meta.Length >= _options.VocabSize)
            throw new ArgumentException($"a vocabulary of {_options.VocabSize} is too small: the alphabet has {corpus.Alphabet.Length} characters " +
                $"(character coverage {_options.CharacterCoverage}) and there are {meta.Length} meta pieces; it needs at least {corpus.Alphabet.Length + meta.Length + 1}");

        var rules = new PieceRules(_options);
        var seeds = new SeedList(corpus);
        var trie = new SeedTrie();
        double[] scores = Seed(corpus, rules, seeds, trie);
        var state = new PieceState(seeds.Count);
        state.Set([.. Enumerable.Range(0, seeds.Count)], scores);
        var edges = WordEdges.Find(corpus, trie, _options.MaxPieceLength);
        progress?.Invoke(new UnigramProgress(0, seeds.Count, seeds.Count));

        int desired = (int)(_options.VocabSize * 1.1);
        int threads = Math.Max(1, _options.Threads);
        for (int round = 1; ; round++)
        {
            for (int iteration = 0; iteration < _options.SubIterations; iteration++)
            {
                long[] expected = UnigramEm.ExpectedCounts(corpus, edges, state, threads);
                (int[] kept, double[] updated) = UnigramEm.Maximize(state, expected);
                state.Set(kept, updated);
            }
            if (state.Count <= desired)
            {
                progress?.Invoke(new UnigramProgress(round, state.Count, seeds.Count));
                break;
            }
            (int[] pruned, double[] prunedScores) = UnigramPruning.Prune(corpus, edges, trie, seeds, state, desired, _options.ShrinkingFactor,
                _options.MaxPieceLength, _options.CorrectedPruningLoss, threads);
            state.Set(pruned, prunedScores);
            edges.Compact(seed => state.PieceOfSeed[seed] >= 0);
            progress?.Invoke(new UnigramProgress(round, state.Count, seeds.Count));
        }
        List<(string Piece, double Score)> pieces = Finalize(corpus, seeds, state, _options.VocabSize - meta.Length);
        if (pieces.Count + meta.Length < _options.VocabSize)
            throw new ArgumentException($"a vocabulary of {_options.VocabSize} is too large for this corpus: training found {pieces.Count} pieces, " +
                $"so with the {meta.Length} meta pieces the vocabulary can be at most {pieces.Count + meta.Length}");
        return new TrainedUnigram(meta, pieces, _options);
    }

    /// <summary>Finds the seeds (the alphabet first), adds them to <paramref name="seeds"/> and <paramref name="trie"/>, and returns their log probabilities.</summary>
    private double[] Seed(UnigramCorpus corpus, PieceRules rules, SeedList seeds, SeedTrie trie)
    {
        var frequencies = new List<double>();
        foreach ((int codePoint, long count) in corpus.Alphabet)
        {
            int symbol = Array.BinarySearch(corpus.CodePoints, 1, corpus.CodePoints.Length - 2, codePoint);
            seeds.Add([symbol]);
            frequencies.Add(count);
        }
        foreach (SeedPieces.Seed seed in SeedPieces.Substrings(corpus, rules, _options.MaxPieceLength, _options.SeedSize))
        {
            seeds.Add(corpus.Symbols.AsSpan(seed.At, seed.Length));
            frequencies.Add(seed.Score);
        }
        for (int s = 0; s < seeds.Count; s++)
            trie.Add(seeds.Symbols(s), s);
        double logTotal = Math.Log(frequencies.Sum());
        return [.. frequencies.Select(f => Math.Log(f) - logTotal)];
    }

    /// <summary>
    /// The final pieces, best first: every character of the alphabet (one EM dropped scored just above the lowest score,
    /// 0.0001 more for each rarer one), then the best-scored pieces up to <paramref name="size"/> (fewer when training found fewer).
    /// </summary>
    private static List<(string Piece, double Score)> Finalize(UnigramCorpus corpus, SeedList seeds, PieceState state, int size)
    {
        var scoreOf = new Dictionary<string, double>(state.Count, StringComparer.Ordinal);
        for (int piece = 0; piece < state.Count; piece++)
            scoreOf[seeds.Text(state.SeedOfPiece[piece])] = state.Scores[piece];
        double lowest = state.Scores.Min();
        var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
        double penalty = 0;
        foreach ((int codePoint, _) in corpus.Alphabet)
        {
            string character = char.ConvertFromUtf32(codePoint);
            if (scoreOf.TryGetValue(character, out double score))
            {
                chosen[character] = score;
            }
            else
            {
                chosen[character] = lowest + penalty;
                penalty += 0.0001;
            }
        }
        foreach ((string piece, double score) in BestFirst(scoreOf))
        {
            if (chosen.Count == size)
                break;
            chosen.TryAdd(piece, score);
        }
        return BestFirst(chosen);
    }

    /// <summary>Highest score first, ties in code point order.</summary>
    private static List<(string Piece, double Score)> BestFirst(Dictionary<string, double> pieces)
    {
        List<(string Piece, double Score)> list = [.. pieces.Select(p => (p.Key, p.Value))];
        list.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : CodePointOrder.Compare(a.Piece, b.Piece));
        return list;
    }
}

/// <summary>Where training is: after round <paramref name="Round"/> (0: the seeds), <paramref name="Pieces"/> of <paramref name="Seeds"/> pieces are left.</summary>
public readonly record struct UnigramProgress(int Round, int Pieces, int Seeds);
