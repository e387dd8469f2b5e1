namespace Tessera;

/// <summary>The algorithm of a SentencePiece model (<c>TrainerSpec.model_type</c>).</summary>
public enum SentencePieceModelType
{
    /// <summary>Unigram language model: the segmentation of highest total score (Viterbi).</summary>
    Unigram = 1,

    /// <summary>Byte pair encoding: repeatedly merges the adjacent pair that forms the piece of highest score.</summary>
    Bpe = 2,

    /// <summary>Whole words, delimited by the whitespace symbol.</summary>
    Word = 3,

    /// <summary>Single characters.</summary>
    Char = 4,
}
