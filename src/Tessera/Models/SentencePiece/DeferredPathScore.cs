using System.Runtime.CompilerServices;

namespace Tessera.Models.SentencePiece;

internal sealed partial class SentencePieceUnigram
{
    /// <summary>
    /// The C++'s float path score along a line whose cached words are added a word at a time: exact where it was last
    /// worked out, plus the scores of the words added since (each its pieces' scores summed, as a float), summed in
    /// double. The exact value is worked out, piece by piece as the C++ adds them, only when a word needs it; a cached
    /// word needs only to know that the exact value is below its limit, which the approximation tells but within a
    /// few rounding errors.
    /// </summary>
    /// <remarks>
    /// When no score on a path is positive (unigram scores are log probabilities; a user-defined symbol's and the
    /// unknown piece's are below the largest), every partial sum of the path has the sign of the whole and a magnitude
    /// no larger, so each of the n float additions since the exact value is off by at most 2^-24 of the magnitude A
    /// the approximation has reached, and the approximation itself by about 2^-24 A: |exact - approximation| is at
    /// most (n + 2) 2^-23 A, and (n + 2) 2^-22 A leaves a factor 2 to spare. With a positive score somewhere, the
    /// approximation is not trusted and every word asks for the exact value.
    /// </remarks>
    private struct DeferredPathScore
    {
        private const double Slack = 1.0 / (1 << 22);
        private readonly bool _trusted;
        private float _exact;
        private int _exactAt;    // the output's count where _exact was worked out
        private double _approximation;

        /// <summary>A path score of 0 at <paramref name="count"/> ids; <paramref name="trusted"/> when no score is positive.</summary>
        public DeferredPathScore(int count, bool trusted)
        {
            _trusted = trusted;
            _exactAt = count;
        }

        /// <summary>Whether the exact path score, with <paramref name="count"/> ids out, is surely below <paramref name="limit"/> in magnitude.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly bool IsSurelyBelow(float limit, int count) =>
            _trusted && Math.Abs(_approximation) * (1 + (count - _exactAt + 2) * Slack) < limit;

        /// <summary>Moves on by a cached word's score (its ids added to the output).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(float wordScore) => _approximation += wordScore;

        /// <summary>The exact path score after <paramref name="ids"/> (the output's ids), the pieces added since it was last worked out added one by one.</summary>
        public float Exact(PieceInfo[] pieces, ReadOnlySpan<int> ids)
        {
            float exact = _exact;
            for (int i = _exactAt; i < ids.Length; i++)
                exact = (float)(pieces[ids[i]].Score + exact);
            Restart(exact, ids.Length);
            return exact;
        }

        /// <summary>Restarts from an exact path score with <paramref name="count"/> ids out.</summary>
        public void Restart(float exact, int count)
        {
            _exact = exact;
            _exactAt = count;
            _approximation = exact;
        }
    }
}
