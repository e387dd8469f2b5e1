namespace Tessera.Training;

/// <summary>The pipeline a trained model is written with.</summary>
public enum TrainedLayout
{
    /// <summary>The BPE model alone (no normalizer, pre-tokenizer, post-processor or decoder).</summary>
    Bpe,

    /// <summary>Hugging Face's byte-level BPE: ByteLevel pre-tokenizer (GPT-2's pattern, no prefix space), post-processor and decoder.</summary>
    ByteLevelBpe,

    /// <summary>
    /// SentencePiece-style BPE as Llama's and Mistral's tokenizer.json have it: Metaspace pre-tokenizer ("▁", prepend
    /// always), the BPE model (unknown token &lt;unk&gt; when a special token, byte fallback when the byte pieces are in
    /// the vocabulary), a decoder that undoes both.
    /// </summary>
    MetaspaceBpe,

    /// <summary>Hugging Face's BertWordPieceTokenizer: BertNormalizer (lower case), BertPreTokenizer, BertProcessing, WordPiece model and decoder.</summary>
    BertWordPiece,
}
