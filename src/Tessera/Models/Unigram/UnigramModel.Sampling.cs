namespace Tessera.Models.Unigram;

internal sealed partial class UnigramModel
{
    /// <summary>The largest n-best size SentencePiece accepts for sampling.</summary>
    public const int MaxNBestSize = 512;

    /// <summary>
    /// Subword regularization, as SentencePiece's <c>SampleEncode(nbest_size, alpha)</c>: <paramref name="nbestSize"/>
    /// 0 or 1 gives the Viterbi tokens; negative samples from every segmentation with probability proportional to
    /// <c>exp(alpha * total score)</c>; above 1 samples among the <paramref name="nbestSize"/> best the same way.
    /// Unknown runs and byte fallback then apply as in <see cref="Tokenize"/>. (Internal for now: Hugging Face's
    /// tokenizer.json has no sampling settings.)
    /// </summary>
    internal void SampleTokenize(ReadOnlySpan<byte> piece, int nbestSize, double alpha, Random random, List<Token> output)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nbestSize, MaxNBestSize);
        if (piece.IsEmpty)
            return;
        if (nbestSize is 0 or 1)
        {
            Tokenize(piece, output);
            return;
        }
        UnigramLattice lattice = CreateLattice(piece);
        List<UnigramLattice.Node> path = nbestSize < 0 ? lattice.Sample(alpha, random) : lattice.SampleNBest(nbestSize, alpha, random);
        var emitter = new Emitter(this, piece, output);
        for (int i = path.Count - 1; i >= 0; i--)
            emitter.Node(path[i].Start, path[i].End, path[i].Id);
        emitter.Finish();
    }

    /// <summary>The lattice of <paramref name="piece"/> (every piece at every character boundary, unknown nodes included).</summary>
    internal UnigramLattice CreateLattice(ReadOnlySpan<byte> piece) => new(piece, _trie, _scores, _unkId, _unknownScore);
}
