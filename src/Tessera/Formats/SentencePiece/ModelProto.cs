namespace Tessera.Formats.SentencePiece;

/// <summary>The type of a piece (SentencePiece's <c>ModelProto.SentencePiece.Type</c>).</summary>
internal enum PieceType : byte
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}

/// <summary>One piece of a <c>.model</c>: its UTF-8 bytes, score and type, and where it is in the file (for errors).</summary>
internal readonly record struct ModelPiece(byte[] Utf8, float Score, PieceType Type, int Offset);

/// <summary>SentencePiece's <c>TrainerSpec</c>: the fields that change encoding or decoding (the rest are skipped).</summary>
internal sealed class TrainerSpec
{
    public SentencePieceModelType ModelType { get; set; } = SentencePieceModelType.Unigram;
    public int ModelTypeOffset { get; set; }
    public int VocabSize { get; set; } = 8000;
    public bool SplitByUnicodeScript { get; set; } = true;
    public bool SplitByNumber { get; set; } = true;
    public bool SplitByWhitespace { get; set; } = true;
    public bool TreatWhitespaceAsSuffix { get; set; }
    public bool AllowWhitespaceOnlyPieces { get; set; }
    public bool SplitDigits { get; set; }
    public bool ByteFallback { get; set; }
    public List<string> ControlSymbols { get; } = [];
    public List<string> UserDefinedSymbols { get; } = [];
    public int UnkId { get; set; }
    public int BosId { get; set; } = 1;
    public int EosId { get; set; } = 2;
    public int PadId { get; set; } = -1;
    public byte[]? UnkSurface { get; set; }
    public byte[]? UnkPiece { get; set; }
    public byte[]? BosPiece { get; set; }
    public byte[]? EosPiece { get; set; }
    public byte[]? PadPiece { get; set; }
}

/// <summary>SentencePiece's <c>NormalizerSpec</c> (also used for the denormalizer).</summary>
internal sealed class NormalizerSpec
{
    public string? Name { get; set; }
    public byte[] PrecompiledCharsmap { get; set; } = [];
    public int PrecompiledCharsmapOffset { get; set; }
    public bool AddDummyPrefix { get; set; } = true;
    public bool RemoveExtraWhitespaces { get; set; } = true;
    public bool EscapeWhitespaces { get; set; } = true;
}

/// <summary>
/// A SentencePiece <c>.model</c> file: the serialized <c>ModelProto</c> of sentencepiece_model.proto (pieces = 1,
/// trainer_spec = 2, normalizer_spec = 3, self_test_data = 4, denormalizer_spec = 5). Fields read with proto2 rules:
/// the last value of a scalar wins, repeated fields and nested messages merge, unknown fields are skipped.
/// </summary>
internal sealed class ModelProto
{
    public List<ModelPiece> Pieces { get; } = [];
    public TrainerSpec TrainerSpec { get; } = new();
    public NormalizerSpec NormalizerSpec { get; } = new();
    public NormalizerSpec? DenormalizerSpec { get; set; }

    /// <summary>Parses a serialized <c>ModelProto</c>.</summary>
    /// <exception cref="TokenizerFormatException">The bytes are not a well-formed protocol buffer (the message names <paramref name="file"/> and the byte offset).</exception>
    public static ModelProto Parse(ReadOnlySpan<byte> data, string file)
    {
        var model = new ModelProto();
        var reader = new ProtoReader(data, file);
        while (reader.TryReadTag(out int field, out WireType type))
        {
            switch (field)
            {
                case 1 when reader.Expect(type, WireType.LengthDelimited, field):
                    model.Pieces.Add(ReadPiece(reader.ReadMessage()));
                    break;
                case 2 when reader.Expect(type, WireType.LengthDelimited, field):
                    ReadTrainerSpec(reader.ReadMessage(), model.TrainerSpec);
                    break;
                case 3 when reader.Expect(type, WireType.LengthDelimited, field):
                    ReadNormalizerSpec(reader.ReadMessage(), model.NormalizerSpec);
                    break;
                case 5 when reader.Expect(type, WireType.LengthDelimited, field):
                    model.DenormalizerSpec ??= new NormalizerSpec();
                    ReadNormalizerSpec(reader.ReadMessage(), model.DenormalizerSpec);
                    break;
                case 1 or 2 or 3 or 5:
                    break; // a known field with another wire type: skipped by Expect, as protobuf does
                default:
                    reader.Skip(type, field);
                    break;
            }
        }
        return model;
    }

    private static ModelPiece ReadPiece(ProtoReader reader)
    {
        int offset = reader.Offset;
        byte[] piece = [];
        float score = 0;
        PieceType pieceType = PieceType.Normal;
        while (reader.TryReadTag(out int field, out WireType type))
        {
            switch (field)
            {
                case 1 when reader.Expect(type, WireType.LengthDelimited, field):
                    piece = reader.ReadLengthDelimited(out _).ToArray();
                    break;
                case 2 when reader.Expect(type, WireType.Fixed32, field):
                    score = reader.ReadFloat();
                    break;
                case 3 when reader.Expect(type, WireType.Varint, field):
                    int value = reader.ReadInt32();
                    // proto2 keeps an unknown enum value as an unknown field: the type stays at its default.
                    if (value is >= 1 and <= 6)
                        pieceType = (PieceType)value;
                    break;
                case 1 or 2 or 3:
                    break;
                default:
                    reader.Skip(type, field);
                    break;
            }
        }
        return new ModelPiece(piece, score, pieceType, offset);
    }

    private static void ReadTrainerSpec(ProtoReader reader, TrainerSpec spec)
    {
        while (reader.TryReadTag(out int field, out WireType type))
        {
            WireType expected = field is 30 or 31 or 44 or 45 or 46 or 47 or 48 ? WireType.LengthDelimited : WireType.Varint;
            bool known = field is 3 or 4 or 21 or 22 or 23 or 24 or 25 or 26 or 30 or 31 or 35 or (>= 40 and <= 48);
            if (!known)
            {
                reader.Skip(type, field);
                continue;
            }
            if (!reader.Expect(type, expected, field))
                continue;
            switch (field)
            {
                case 3:
                    int at = reader.Offset;
                    int modelType = reader.ReadInt32();
                    if (modelType is >= 1 and <= 4)
                    {
                        spec.ModelType = (SentencePieceModelType)modelType;
                        spec.ModelTypeOffset = at;
                    }
                    break;
                case 4: spec.VocabSize = reader.ReadInt32(); break;
                case 21: spec.SplitByUnicodeScript = reader.ReadBool(); break;
                case 22: spec.SplitByWhitespace = reader.ReadBool(); break;
                case 23: spec.SplitByNumber = reader.ReadBool(); break;
                case 24: spec.TreatWhitespaceAsSuffix = reader.ReadBool(); break;
                case 25: spec.SplitDigits = reader.ReadBool(); break;
                case 26: spec.AllowWhitespaceOnlyPieces = reader.ReadBool(); break;
                case 30: spec.ControlSymbols.Add(Utf8(ref reader)); break;
                case 31: spec.UserDefinedSymbols.Add(Utf8(ref reader)); break;
                case 35: spec.ByteFallback = reader.ReadBool(); break;
                case 40: spec.UnkId = reader.ReadInt32(); break;
                case 41: spec.BosId = reader.ReadInt32(); break;
                case 42: spec.EosId = reader.ReadInt32(); break;
                case 43: spec.PadId = reader.ReadInt32(); break;
                case 44: spec.UnkSurface = reader.ReadLengthDelimited(out _).ToArray(); break;
                case 45: spec.UnkPiece = reader.ReadLengthDelimited(out _).ToArray(); break;
                case 46: spec.BosPiece = reader.ReadLengthDelimited(out _).ToArray(); break;
                case 47: spec.EosPiece = reader.ReadLengthDelimited(out _).ToArray(); break;
                case 48: spec.PadPiece = reader.ReadLengthDelimited(out _).ToArray(); break;
            }
        }
    }

    private static void ReadNormalizerSpec(ProtoReader reader, NormalizerSpec spec)
    {
        while (reader.TryReadTag(out int field, out WireType type))
        {
            switch (field)
            {
                case 1 when reader.Expect(type, WireType.LengthDelimited, field):
                    spec.Name = Utf8(ref reader);
                    break;
                case 2 when reader.Expect(type, WireType.LengthDelimited, field):
                    spec.PrecompiledCharsmap = reader.ReadLengthDelimited(out int start).ToArray();
                    spec.PrecompiledCharsmapOffset = start;
                    break;
                case 3 when reader.Expect(type, WireType.Varint, field):
                    spec.AddDummyPrefix = reader.ReadBool();
                    break;
                case 4 when reader.Expect(type, WireType.Varint, field):
                    spec.RemoveExtraWhitespaces = reader.ReadBool();
                    break;
                case 5 when reader.Expect(type, WireType.Varint, field):
                    spec.EscapeWhitespaces = reader.ReadBool();
                    break;
                case 1 or 2 or 3 or 4 or 5:
                    break;
                default:
                    reader.Skip(type, field);
                    break;
            }
        }
    }

    private static string Utf8(ref ProtoReader reader) => System.Text.Encoding.UTF8.GetString(reader.ReadLengthDelimited(out _));
}
