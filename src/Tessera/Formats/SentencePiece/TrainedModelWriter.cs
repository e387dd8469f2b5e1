namespace Tessera.Formats.SentencePiece;

/// <summary>
/// Writes a trained model as a SentencePiece <c>ModelProto</c>: its pieces by id (score, and type where not normal),
/// the trainer spec the caller writes, and the normalizer the text was counted with (a rule name and its precompiled
/// charsmap, empty for identity) with SentencePiece's whitespace handling (a "▁" put in front, extra spaces removed,
/// spaces as "▁"), which is how Tessera's trainers see text.
/// </summary>
internal static class TrainedModelWriter
{
    public static byte[] Write(IReadOnlyList<(string Piece, float Score, PieceType Type)> pieces, Action<ProtoWriter> trainerSpec,
        string normalizationRule = "identity")
    {
        var proto = new ProtoWriter();
        foreach ((string piece, float score, PieceType type) in pieces)
        {
            proto.Message(1, p =>
            {
                p.String(1, piece);
                p.Float(2, score);
                if (type != PieceType.Normal)
                    p.Varint(3, (int)type);
            });
        }
        proto.Message(2, trainerSpec);
        proto.Message(3, n =>
        {
            n.String(1, normalizationRule);
            byte[] charsMap = Normalizers.NormalizationRules.CharsMap(normalizationRule);
            if (charsMap.Length > 0)
                n.Bytes(2, charsMap);
            n.Bool(3, true); // add_dummy_prefix
            n.Bool(4, true); // remove_extra_whitespaces
            n.Bool(5, true); // escape_whitespaces
        });
        return proto.ToArray();
    }

    /// <summary>The trainer spec's ids of the unknown piece and of &lt;s&gt;, &lt;/s&gt; and &lt;pad&gt; (-1 where absent).</summary>
    public static void WriteMetaIds(ProtoWriter spec, int unknown, int bos, int eos, int pad)
    {
        spec.Varint(40, unknown);
        spec.Varint(41, bos);
        spec.Varint(42, eos);
        spec.Varint(43, pad);
    }
}
