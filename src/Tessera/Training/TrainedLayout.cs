namespace Tessera.Training;

/// <summary>The pipeline a trained model is written with.</summary>
public enum TrainedLayout
{
    /// <summary>The BPE model alone (no normalizer, pre-tokenizer, post-processor or decoder).</summary>
    Bpe,

    /// <summary>Hugging Face's byte-level BPE: ByteLevel pre-tokenizer (GPT-2's pattern, no prefix space), post-processor and decoder.</summary>
    ByteLevelBpe,

    /// <summary>Hugging Face's BertWordPieceTokenizer: BertNormalizer (lower case), BertPreTokenizer, BertProcessing, WordPiece model and decoder.</summary>
    BertWordPiece,
}
