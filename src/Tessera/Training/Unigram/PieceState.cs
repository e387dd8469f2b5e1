namespace Tessera.Training.Unigram;

/// <summary>
/// The pieces alive at a point of training: which seed each is, its score (a log probability), and the other way round
/// which piece each seed is now (-1 once it has left). The unknown edge scores <see cref="UnknownPenalty"/> below the
/// lowest piece, as in SentencePiece.
/// </summary>
internal sealed class PieceState
{
    /// <summary>How far below the lowest piece's score an unknown character scores.</summary>
    public const double UnknownPenalty = 10;

    /// <summary>Expected counts are added up as integers in units of 2^-24, so their sum is the same in any order.</summary>
    public const double FixedPoint = 1 << 24;

    private double[] _probabilities = [];
    private double _unknownProbability;

    public PieceState(int seeds) => PieceOfSeed = new int[seeds];

    /// <summary>Each seed's piece now, or -1.</summary>
    public int[] PieceOfSeed { get; }

    /// <summary>Each piece's seed.</summary>
    public int[] SeedOfPiece { get; private set; } = [];

    /// <summary>Each piece's score.</summary>
    public double[] Scores { get; private set; } = [];

    public double UnknownScore { get; private set; }

    public int Count => SeedOfPiece.Length;

    public double Score(int piece) => piece < 0 ? UnknownScore : Scores[piece];

    public double Probability(int piece) => piece < 0 ? _unknownProbability : _probabilities[piece];

    /// <summary>Makes the pieces those seeds, with those scores.</summary>
    public void Set(int[] seeds, double[] scores)
    {
        SeedOfPiece = seeds;
        Scores = scores;
        Array.Fill(PieceOfSeed, -1);
        for (int piece = 0; piece < seeds.Length; piece++)
            PieceOfSeed[seeds[piece]] = piece;
        _probabilities = Array.ConvertAll(scores, Math.Exp);
        UnknownScore = scores.Min() - UnknownPenalty;
        _unknownProbability = Math.Exp(UnknownScore);
    }
}
