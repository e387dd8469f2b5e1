namespace Tessera.Models.Unigram;

/// <summary>
/// The whole lattice of a piece, for subword regularization (sampling) and n-best: every vocabulary piece at every
/// character boundary, plus an unknown node where no single piece covers a character (Hugging Face's
/// <c>populate_nodes</c>). Viterbi does not need it (<see cref="UnigramModel"/> keeps only the best path per position).
/// </summary>
/// <remarks>
/// Hugging Face's Unigram model exposes no sampling (its lattice's <c>sample</c> is used only by its tests, and its
/// forward pass multiplies the accumulated score by theta too), so the reference is SentencePiece's
/// <c>SampleEncode(nbest_size, alpha)</c>: <c>nbest_size</c> 0 or 1 is Viterbi; negative samples a segmentation from
/// all of them with probability proportional to <c>exp(alpha * total score)</c> (forward filtering, backward sampling);
/// above 1 takes the <c>nbest_size</c> best segmentations and samples one with probability proportional to
/// <c>exp(alpha * score)</c>.
/// </remarks>
internal sealed class UnigramLattice
{
    /// <summary>A node: the piece <paramref name="Id"/> over bytes [Start, End).</summary>
    internal readonly record struct Node(int Start, int End, int Id, double Score);

    private readonly List<Node> _nodes = [];
    private readonly List<int> _nextEndingAtSameEnd = [];
    private readonly int[] _lastEndingAt; // byte position -> last node ending there, -1 if none

    public UnigramLattice(ReadOnlySpan<byte> text, DoubleArrayTrie trie, IReadOnlyList<double> scores, int unkId, double unknownScore)
    {
        Length = text.Length;
        _lastEndingAt = new int[text.Length + 1];
        Array.Fill(_lastEndingAt, -1);
        for (int start = 0; start < text.Length;)
        {
            byte lead = text[start];
            int charLength = Math.Min(lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4, text.Length - start);
            bool hasSingle = false;
            int state = DoubleArrayTrie.Root;
            for (int i = start; i < text.Length && (state = trie.Next(state, text[i])) >= 0; i++)
            {
                int id = trie.ValueAt(state);
                if (id < 0)
                    continue;
                Add(new Node(start, i + 1, id, scores[id]));
                hasSingle |= i + 1 - start == charLength;
            }
            if (!hasSingle && unkId >= 0) // without an unknown id, as Hugging Face's populate_nodes: no node
                Add(new Node(start, start + charLength, unkId, unknownScore));
            start += charLength;
        }
    }

    /// <summary>The length of the text in bytes.</summary>
    public int Length { get; }

    /// <summary>All nodes, in order of start then end.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    private void Add(Node node)
    {
        _nodes.Add(node);
        _nextEndingAtSameEnd.Add(_lastEndingAt[node.End]);
        _lastEndingAt[node.End] = _nodes.Count - 1;
    }

    /// <summary>The nodes ending at <paramref name="end"/>, last added first.</summary>
    private IEnumerable<int> EndingAt(int end)
    {
        for (int n = _lastEndingAt[end]; n >= 0; n = _nextEndingAtSameEnd[n])
            yield return n;
    }

    /// <summary>
    /// A segmentation drawn with probability proportional to <c>exp(theta * total score)</c>, by forward filtering
    /// (log-sum-exp of the scores of all paths reaching each position) and backward sampling; nodes in text order.
    /// </summary>
    public List<Node> Sample(double theta, Random random)
    {
        var forward = new double[Length + 1];
        Array.Fill(forward, double.NegativeInfinity);
        forward[0] = 0;
        for (int p = 1; p <= Length; p++)
        {
            double total = double.NegativeInfinity;
            foreach (int n in EndingAt(p))
                total = LogSumExp(total, forward[_nodes[n].Start] + theta * _nodes[n].Score);
            forward[p] = total;
        }
        if (double.IsNegativeInfinity(forward[Length]))
            ModelErrors.ThrowMissingUnknown("Unigram", null); // no segmentation reaches the end

        var path = new List<Node>();
        var candidates = new List<int>();
        var weights = new List<double>();
        for (int p = Length; p > 0;)
        {
            candidates.Clear();
            weights.Clear();
            foreach (int n in EndingAt(p))
            {
                candidates.Add(n);
                weights.Add(Math.Exp(forward[_nodes[n].Start] + theta * _nodes[n].Score - forward[p]));
            }
            Node chosen = _nodes[candidates[Draw(weights, random)]];
            path.Add(chosen);
            p = chosen.Start;
        }
        path.Reverse();
        return path;
    }

    /// <summary>
    /// The <paramref name="n"/> best segmentations with their total scores, best first (equal scores in the order the
    /// nodes were found); fewer when the text has fewer.
    /// </summary>
    public List<(List<Node> Path, double Score)> NBest(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        // Per position, up to n partial paths: (score, node that ends the path here, index of the path it extends).
        var table = new List<(double Score, int Node, int Previous)>?[Length + 1];
        table[0] = [(0, -1, -1)];
        var candidates = new List<(double Score, int Node, int Previous, int Order)>();
        for (int p = 1; p <= Length; p++)
        {
            candidates.Clear();
            var ending = EndingAt(p).ToList();
            ending.Reverse(); // in order of addition
            foreach (int node in ending)
            {
                var before = table[_nodes[node].Start];
                if (before is null)
                    continue;
                for (int j = 0; j < before.Count; j++)
                    candidates.Add((before[j].Score + _nodes[node].Score, node, j, candidates.Count));
            }
            if (candidates.Count == 0)
                continue;
            candidates.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Order.CompareTo(b.Order));
            table[p] = [.. candidates.Take(n).Select(c => (c.Score, c.Node, c.Previous))];
        }

        var result = new List<(List<Node>, double)>();
        if (table[Length] is not { } last)
        {
            if (Length > 0)
                ModelErrors.ThrowMissingUnknown("Unigram", null); // no segmentation reaches the end
            return result;
        }
        for (int k = 0; k < last.Count; k++)
        {
            var path = new List<Node>();
            for (int p = Length, j = k; p > 0;)
            {
                (_, int node, int previous) = table[p]![j];
                path.Add(_nodes[node]);
                p = _nodes[node].Start;
                j = previous;
            }
            path.Reverse();
            result.Add((path, last[k].Score));
        }
        return result;
    }

    /// <summary>One of the <paramref name="n"/> best segmentations, drawn with probability proportional to <c>exp(alpha * score)</c>.</summary>
    public List<Node> SampleNBest(int n, double alpha, Random random)
    {
        List<(List<Node> Path, double Score)> best = NBest(n);
        double top = best.Count > 0 ? best[0].Score : 0;
        var weights = best.Select(b => Math.Exp(alpha * (b.Score - top))).ToList(); // shifted: no underflow
        return best[Draw(weights, random)].Path;
    }

    private static int Draw(List<double> weights, Random random)
    {
        double total = 0;
        foreach (double w in weights)
            total += w;
        double u = random.NextDouble() * total;
        for (int i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
                return i;
        }
        return weights.Count - 1;
    }

    /// <summary>log(e^x + e^y), either side possibly negative infinity.</summary>
    internal static double LogSumExp(double x, double y)
    {
        if (double.IsNegativeInfinity(x))
            return y;
        if (double.IsNegativeInfinity(y))
            return x;
        double max = Math.Max(x, y);
        return max + Math.Log(Math.Exp(x - max) + Math.Exp(y - max));
    }
}
