using Tessera.Formats.SentencePiece;
using Tessera.Internal;

namespace Tessera.Training;

/// <summary>Character-level BPE as a SentencePiece <c>.model</c> (model type BPE), which spm_encode loads.</summary>
public sealed partial class TrainedBpe
{
    /// <summary>
    /// The serialized SentencePiece <c>ModelProto</c> of character-level BPE trained on SentencePiece's words: the same
    /// ids as the tokenizer.json; "&lt;unk&gt;" the unknown piece, the other special tokens control pieces, the byte
    /// pieces of byte fallback byte pieces (all score 0); a merged token scored minus the rank of the first merge that
    /// made it, the alphabet's characters below every merge. SentencePiece's BPE merges the adjacent pair whose
    /// concatenation is the piece of highest score, so the merges come back in their order. The normalizer is
    /// <paramref name="normalizationRule"/>, the one the words were counted with (<see cref="Unigram.SentencePieceWordCounter"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no "&lt;unk&gt;", or has a continuing-subword prefix or end-of-word suffix (SentencePiece has neither).</exception>
    public byte[] ToModelProto(string normalizationRule = "identity")
    {
        if (_prefix is not null || _suffix is not null)
            throw new InvalidOperationException("a SentencePiece model has no continuing-subword prefix or end-of-word suffix");
        int unknown = IndexOf(SpecialTokens, "<unk>");
        if (unknown < 0)
            throw new InvalidOperationException("a SentencePiece model needs the special token <unk>");
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string left, string right) in Merges)
            rank.TryAdd(left + right, rank.Count);
        var pieces = new (string Piece, float Score, PieceType Type)[Vocabulary.Count];
        int character = 0;
        for (int id = 0; id < Vocabulary.Count; id++)
        {
            string token = Vocabulary[id];
            pieces[id] = id < SpecialTokens.Count ? (token, 0f, id == unknown ? PieceType.Unknown : PieceType.Control)
                : _byteFallback && id < SpecialTokens.Count + 256 ? (token, 0f, PieceType.Byte)
                : rank.TryGetValue(token, out int r) ? (token, -r, PieceType.Normal)
                : (token, -(Merges.Count + character++), PieceType.Normal);
        }
        return TrainedModelWriter.Write(pieces, spec =>
        {
            spec.Varint(3, (int)SentencePieceModelType.Bpe);
            spec.Varint(4, Vocabulary.Count);
            spec.Bool(22, true); // split_by_whitespace
            spec.Bool(35, _byteFallback);
            TrainedModelWriter.WriteMetaIds(spec, unknown, IndexOf(SpecialTokens, "<s>"), IndexOf(SpecialTokens, "</s>"), IndexOf(SpecialTokens, "<pad>"));
        }, normalizationRule);
    }

    /// <summary>The model as a SentencePiece tokenizer (<see cref="ToModelProto"/>).</summary>
    public SentencePieceTokenizer ToSentencePiece(string normalizationRule = "identity") =>
        SentencePieceTokenizer.FromBytes(ToModelProto(normalizationRule), "(trained BPE model)");

    /// <summary>Writes <see cref="ToModelProto"/> to <paramref name="path"/> atomically.</summary>
    public void SaveModel(string path, string normalizationRule = "identity")
    {
        byte[] bytes = ToModelProto(normalizationRule);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
