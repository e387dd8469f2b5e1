namespace Tessera.Training.Unigram;

/// <summary>
/// The lattice of one word (or piece) under the pieces alive now, reused from word to word: an edge for each alive
/// piece found there, and where no one-character piece starts, an unknown edge of one character scored
/// <see cref="PieceState.UnknownScore"/>, as SentencePiece's trainer builds it. It gives each piece's expected count
/// (forward-backward), the best segmentation (Viterbi), and the best one without a given edge.
/// </summary>
internal sealed class TrainingLattice
{
    private int[] _start = new int[64];
    private int[] _end = new int[64];
    private int[] _piece = new int[64];   // -1: unknown
    private double[] _forward = new double[64];
    private double[] _backward = new double[64];
    private int[] _bestEdge = new int[64];
    private int _edges;
    private int _length;

    /// <summary>An edge's piece (-1 for unknown).</summary>
    public int PieceOf(int edge) => _piece[edge];

    /// <summary>Sets the lattice to a word of <paramref name="length"/> symbols whose seed edges are <paramref name="spans"/> and <paramref name="seeds"/>.</summary>
    public void Set(int length, ReadOnlySpan<int> spans, ReadOnlySpan<int> seeds, PieceState state)
    {
        Reset(length, spans.Length);
        int e = 0;
        for (int s = 0; s < length; s++)
        {
            bool single = false;
            for (; e < spans.Length && WordEdges.Start(spans[e]) == s; e++)
            {
                int piece = state.PieceOfSeed[seeds[e]];
                if (piece < 0)
                    continue;
                int pieceLength = WordEdges.Length(spans[e]);
                single |= pieceLength == 1;
                Add(s, s + pieceLength, piece);
            }
            if (!single)
                Add(s, s + 1, -1);
        }
    }

    /// <summary>Sets the lattice to <paramref name="symbols"/>, finding the alive pieces with <paramref name="trie"/>.</summary>
    public void Set(ReadOnlySpan<int> symbols, SeedTrie trie, int maxLength, PieceState state)
    {
        Reset(symbols.Length, 4 * symbols.Length);
        var found = (Lattice: this, State: state, Start: 0, Single: false);
        for (int s = 0; s < symbols.Length; s++)
        {
            found.Start = s;
            found.Single = false;
            trie.ForEachPrefix(symbols[s..], maxLength, ref found, static (ref (TrainingLattice Lattice, PieceState State, int Start, bool Single) f, int length, int seed) =>
            {
                int piece = f.State.PieceOfSeed[seed];
                if (piece < 0)
                    return;
                f.Single |= length == 1;
                f.Lattice.Add(f.Start, f.Start + length, piece);
            });
            if (!found.Single)
                Add(s, s + 1, -1);
        }
    }

    /// <summary>
    /// The piece an edge's counts go to: its own, or for an unknown edge piece 0, as in spm_train, whose trainer model
    /// gives unknown nodes id 0 (the first piece: the most frequent character, usually "▁").
    /// </summary>
    public static int CountedAs(int piece) => Math.Max(piece, 0);

    /// <summary>
    /// Adds <paramref name="count"/> times each piece's expected count in this word (its marginal probability) to
    /// <paramref name="expected"/>, in fixed point (<see cref="PieceState.FixedPoint"/>) so that sums do not depend on
    /// their order. Works with probabilities, falling back to log space where they would underflow.
    /// </summary>
    public void AddExpected(long count, PieceState state, long[] expected)
    {
        if (!AddExpectedLinear(count, state, expected))
            AddExpectedLog(count, state, expected);
    }

    private bool AddExpectedLinear(long count, PieceState state, long[] expected)
    {
        double[] alpha = _forward, beta = _backward;
        Array.Clear(alpha, 0, _length + 1);
        Array.Clear(beta, 0, _length + 1);
        alpha[0] = 1;
        for (int e = 0; e < _edges; e++)
            alpha[_end[e]] += alpha[_start[e]] * state.Probability(_piece[e]);
        double z = alpha[_length];
        if (!(z > 1e-280) || double.IsInfinity(z))
            return false;
        beta[_length] = 1;
        for (int e = _edges - 1; e >= 0; e--)
            beta[_start[e]] += state.Probability(_piece[e]) * beta[_end[e]];
        double scale = count * PieceState.FixedPoint / z;
        for (int e = 0; e < _edges; e++)
            expected[CountedAs(_piece[e])] += (long)(alpha[_start[e]] * state.Probability(_piece[e]) * beta[_end[e]] * scale + 0.5);
        return true;
    }

    private void AddExpectedLog(long count, PieceState state, long[] expected)
    {
        double[] alpha = _forward, beta = _backward;
        alpha.AsSpan(0, _length + 1).Fill(double.NegativeInfinity);
        beta.AsSpan(0, _length + 1).Fill(double.NegativeInfinity);
        alpha[0] = 0;
        for (int e = 0; e < _edges; e++)
            alpha[_end[e]] = Models.Unigram.UnigramLattice.LogSumExp(alpha[_end[e]], alpha[_start[e]] + state.Score(_piece[e]));
        double z = alpha[_length];
        beta[_length] = 0;
        for (int e = _edges - 1; e >= 0; e--)
            beta[_start[e]] = Models.Unigram.UnigramLattice.LogSumExp(beta[_start[e]], state.Score(_piece[e]) + beta[_end[e]]);
        for (int e = 0; e < _edges; e++)
            expected[CountedAs(_piece[e])] += (long)(count * PieceState.FixedPoint * Math.Exp(alpha[_start[e]] + state.Score(_piece[e]) + beta[_end[e]] - z) + 0.5);
    }

    /// <summary>
    /// The best segmentation's edges, first to last, into <paramref name="path"/> (cleared first), leaving out edge
    /// <paramref name="without"/> (-1: none); false when no segmentation is left.
    /// </summary>
    public bool Best(PieceState state, List<int> path, int without = -1)
    {
        double[] best = _forward;
        best.AsSpan(0, _length + 1).Fill(double.NegativeInfinity);
        best[0] = 0;
        for (int e = 0; e < _edges; e++)
        {
            if (e == without)
                continue;
            double score = best[_start[e]] + state.Score(_piece[e]);
            if (score > best[_end[e]])
            {
                best[_end[e]] = score;
                _bestEdge[_end[e]] = e;
            }
        }
        path.Clear();
        if (double.IsNegativeInfinity(best[_length]))
            return false;
        for (int at = _length; at > 0; at = _start[_bestEdge[at]])
            path.Add(_bestEdge[at]);
        path.Reverse();
        return true;
    }

    private void Reset(int length, int edges)
    {
        _length = length;
        _edges = 0;
        if (_forward.Length <= length)
        {
            int size = Math.Max(length + 1, 2 * _forward.Length);
            _forward = new double[size];
            _backward = new double[size];
            _bestEdge = new int[size];
        }
        Reserve(edges + length);
    }

    private void Add(int start, int end, int piece)
    {
        if (_edges == _start.Length)
            Reserve(2 * _edges);
        _start[_edges] = start;
        _end[_edges] = end;
        _piece[_edges++] = piece;
    }

    private void Reserve(int edges)
    {
        if (_start.Length >= edges)
            return;
        Array.Resize(ref _start, edges);
        Array.Resize(ref _end, edges);
        Array.Resize(ref _piece, edges);
    }
}
