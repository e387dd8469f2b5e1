namespace Tessera.Training.Unigram;

/// <summary>
/// Every seed piece found in every word, found once with the <see cref="SeedTrie"/>: for each word its edges (start,
/// length, seed) in order of start, then length. Pieces only leave the vocabulary as training goes on, so an edge is
/// used while its seed is alive, and <see cref="Compact"/> drops the edges of seeds that are gone.
/// </summary>
internal sealed class WordEdges
{
    private const int LengthBits = 6;

    private int[] _spans;  // start << LengthBits | length
    private int[] _seeds;
    private readonly int[] _firstEdge; // per word, and one more

    private WordEdges(int[] spans, int[] seeds, int[] firstEdge)
    {
        _spans = spans;
        _seeds = seeds;
        _firstEdge = firstEdge;
    }

    /// <summary>The edges of word <paramref name="word"/>: packed spans (see <see cref="Start"/>, <see cref="Length"/>) and seeds.</summary>
    public (ReadOnlyMemory<int> Spans, ReadOnlyMemory<int> Seeds) Of(int word)
    {
        int from = _firstEdge[word], to = _firstEdge[word + 1];
        return (_spans.AsMemory(from, to - from), _seeds.AsMemory(from, to - from));
    }

    public static int Start(int span) => span >> LengthBits;

    public static int Length(int span) => span & ((1 << LengthBits) - 1);

    /// <summary>Finds the seeds of <paramref name="trie"/> in each word of <paramref name="corpus"/>.</summary>
    public static WordEdges Find(UnigramCorpus corpus, SeedTrie trie, int maxLength)
    {
        var spans = new List<int>();
        var seeds = new List<int>();
        var firstEdge = new int[corpus.WordCount + 1];
        var found = (Spans: spans, Seeds: seeds, Start: 0);
        for (int w = 0; w < corpus.WordCount; w++)
        {
            firstEdge[w] = spans.Count;
            ReadOnlySpan<int> word = corpus.Word(w);
            for (int start = 0; start < word.Length; start++)
            {
                found.Start = start;
                trie.ForEachPrefix(word[start..], maxLength, ref found, static (ref (List<int> Spans, List<int> Seeds, int Start) f, int length, int seed) =>
                {
                    f.Spans.Add(f.Start << LengthBits | length);
                    f.Seeds.Add(seed);
                });
            }
        }
        firstEdge[^1] = spans.Count;
        return new WordEdges([.. spans], [.. seeds], firstEdge);
    }

    /// <summary>Drops the edges whose seed <paramref name="alive"/> says is gone.</summary>
    public void Compact(Func<int, bool> alive)
    {
        int kept = 0;
        for (int w = 0; w + 1 < _firstEdge.Length; w++)
        {
            int from = _firstEdge[w], to = _firstEdge[w + 1];
            _firstEdge[w] = kept;
            for (int e = from; e < to; e++)
            {
                if (alive(_seeds[e]))
                {
                    _spans[kept] = _spans[e];
                    _seeds[kept++] = _seeds[e];
                }
            }
        }
        _firstEdge[^1] = kept;
        Array.Resize(ref _spans, kept);
        Array.Resize(ref _seeds, kept);
    }
}
