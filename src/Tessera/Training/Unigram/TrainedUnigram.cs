using System.Text.Json;
using Tessera.Formats.SentencePiece;
using Tessera.Internal;
using Tessera.Normalizers;

namespace Tessera.Training.Unigram;

/// <summary>
/// A unigram model learnt by <see cref="UnigramTrainer"/>: the meta pieces (score 0), then the pieces best first with
/// their scores. Written as a SentencePiece <c>.model</c> (which spm_encode loads) or as a tokenizer.json (which Hugging
/// Face tokenizers loads): the normalization rule counted with (<c>identity</c>, <c>nfkc</c> or <c>nmt_nfkc</c>; in
/// tokenizer.json a Precompiled normalizer, which Hugging Face applies its own way, as for any SentencePiece model it
/// converts) and SentencePiece's whitespace handling (leading, trailing and repeated spaces removed, spaces as "▁", one
/// "▁" in front).
/// </summary>
public sealed class TrainedUnigram
{
    private readonly (string Piece, MetaPieceKind Kind)[] _meta;
    private readonly UnigramTrainerOptions _options;

    internal TrainedUnigram((string Piece, MetaPieceKind Kind)[] meta, List<(string Piece, double Score)> pieces, UnigramTrainerOptions options)
    {
        _meta = meta;
        _options = options;
        Pieces = [.. meta.Select(m => (m.Piece, 0f)), .. pieces.Select(p => (p.Piece, (float)p.Score))];
    }

    /// <summary>Every piece by id, with its score (0 for the meta pieces).</summary>
    public IReadOnlyList<(string Piece, float Score)> Pieces { get; }

    /// <summary>The model as a SentencePiece tokenizer.</summary>
    public SentencePieceTokenizer ToSentencePiece() => SentencePieceTokenizer.FromBytes(ToModelProto(), "(trained unigram model)");

    /// <summary>The model as a tokenizer.json pipeline.</summary>
    public Tokenizer ToTokenizer() => Tokenizer.FromJson(ToJson());

    /// <summary>Writes the model to <paramref name="path"/>: a SentencePiece model if it ends in <c>.model</c>, else tokenizer.json; atomically.</summary>
    public void Save(string path)
    {
        bool model = path.EndsWith(".model", StringComparison.OrdinalIgnoreCase);
        byte[] bytes = model ? ToModelProto() : System.Text.Encoding.UTF8.GetBytes(ToJson());
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The serialized SentencePiece <c>ModelProto</c>.</summary>
    public byte[] ToModelProto() =>
        TrainedModelWriter.Write([.. Pieces.Select((p, id) => (p.Piece, p.Score, id < _meta.Length ? TypeOf(_meta[id].Kind) : PieceType.Normal))], WriteTrainerSpec,
            _options.NormalizationRule);

    private void WriteTrainerSpec(ProtoWriter spec)
    {
        spec.Varint(3, 1); // UNIGRAM
        spec.Varint(4, Pieces.Count);
        spec.Float(10, (float)_options.CharacterCoverage);
        spec.Varint(14, _options.SeedSize);
        spec.Float(15, (float)_options.ShrinkingFactor);
        spec.Varint(17, _options.SubIterations);
        spec.Varint(18, _options.MaxSentenceLength);
        spec.Varint(20, _options.MaxPieceLength);
        spec.Bool(21, _options.SplitByUnicodeScript);
        spec.Bool(22, true);
        spec.Bool(23, _options.SplitByNumber);
        spec.Bool(25, _options.SplitDigits);
        foreach (string symbol in _options.ControlSymbols)
            spec.String(30, symbol);
        foreach (string symbol in _options.UserDefinedSymbols)
            spec.String(31, symbol);
        spec.Bool(35, _options.ByteFallback);
        TrainedModelWriter.WriteMetaIds(spec, unknown: 0, bos: 1, eos: 2, pad: -1);
    }

    private static PieceType TypeOf(MetaPieceKind kind) => kind switch
    {
        MetaPieceKind.Unknown => PieceType.Unknown,
        MetaPieceKind.Control => PieceType.Control,
        MetaPieceKind.UserDefined => PieceType.UserDefined,
        _ => PieceType.Byte,
    };

    /// <summary>
    /// The tokenizer.json text: the meta pieces but the bytes as added tokens (user-defined symbols not special, the
    /// rest special, none normalized); the rule's charsmap as a Precompiled normalizer, unless identity (as Hugging
    /// Face's converter writes a SentencePiece model's); runs of spaces made one and trailing ones removed (a leading one becomes the
    /// "▁" Metaspace would put in front); Metaspace; the Unigram model. Text around a user-defined symbol gets a "▁" in
    /// front as a line would, where SentencePiece puts none.
    /// </summary>
    public string ToJson() =>
        TrainedJson.Write(_meta.Select((m, id) => (m.Piece, id, m.Kind != MetaPieceKind.UserDefined)).Where(t => _meta[t.id].Kind != MetaPieceKind.Byte), json =>
        {
            json.WriteStartObject("normalizer");
            json.WriteString("type", "Sequence");
            json.WriteStartArray("normalizers");
            byte[] charsMap = NormalizationRules.CharsMap(_options.NormalizationRule);
            if (charsMap.Length > 0)
            {
                json.WriteStartObject();
                json.WriteString("type", "Precompiled");
                json.WriteBase64String("precompiled_charsmap", charsMap);
                json.WriteEndObject();
            }
            TrainedJson.WriteReplace(json, "Regex", " {2,}", " ");
            TrainedJson.WriteReplace(json, "Regex", @" +\z", "");
            json.WriteEndArray();
            json.WriteEndObject();
            TrainedJson.WriteMetaspace(json, "pre_tokenizer");
            json.WriteNull("post_processor");
            TrainedJson.WriteMetaspaceDecoder(json, _options.ByteFallback);
            json.WriteStartObject("model");
            json.WriteString("type", "Unigram");
            json.WriteNumber("unk_id", 0);
            json.WriteStartArray("vocab");
            foreach ((string piece, float score) in Pieces)
            {
                json.WriteStartArray();
                json.WriteStringValue(piece);
                json.WriteNumberValue(score);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteBoolean("byte_fallback", _options.ByteFallback);
            json.WriteEndObject();
        });
}
