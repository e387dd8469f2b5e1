using System.Text;

namespace Tessera.Tests.Formats.SentencePiece;

/// <summary>Writes small SentencePiece models (serialized ModelProto) for tests: protobuf by hand, as the reader reads it.</summary>
internal sealed class ModelBuilder
{
    private readonly List<(string Piece, float Score, int Type)> _pieces = [];
    private readonly List<byte[]> _trainer = [];
    private readonly List<byte[]> _normalizer = [];

    public ModelBuilder Piece(string piece, float score = 0, int type = 1)
    {
        _pieces.Add((piece, score, type));
        return this;
    }

    /// <summary>The usual first three pieces: &lt;unk&gt; (UNKNOWN), &lt;s&gt; and &lt;/s&gt; (CONTROL).</summary>
    public ModelBuilder Specials() => Piece("<unk>", 0, 2).Piece("<s>", 0, 3).Piece("</s>", 0, 3);

    public ModelBuilder Trainer(int field, long value)
    {
        _trainer.Add([.. Tag(field, 0), .. Varint((ulong)value)]);
        return this;
    }

    public ModelBuilder Normalizer(int field, long value)
    {
        _normalizer.Add([.. Tag(field, 0), .. Varint((ulong)value)]);
        return this;
    }

    public ModelBuilder NormalizerBytes(int field, byte[] value)
    {
        _normalizer.Add(LengthDelimited(field, value));
        return this;
    }

    public byte[] Build()
    {
        var output = new List<byte>();
        foreach ((string piece, float score, int type) in _pieces)
        {
            var message = new List<byte>();
            message.AddRange(LengthDelimited(1, Encoding.UTF8.GetBytes(piece)));
            message.AddRange(Tag(2, 5));
            message.AddRange(BitConverter.GetBytes(score));
            message.AddRange(Tag(3, 0));
            message.AddRange(Varint((ulong)type));
            output.AddRange(LengthDelimited(1, [.. message]));
        }
        output.AddRange(LengthDelimited(2, [.. _trainer.SelectMany(b => b)]));
        output.AddRange(LengthDelimited(3, [.. _normalizer.SelectMany(b => b)]));
        return [.. output];
    }

    public static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value > 0 ? (byte)(b | 0x80) : b);
        } while (value > 0);
        return [.. bytes];
    }

    public static byte[] LengthDelimited(int field, byte[] value) => [.. Tag(field, 2), .. Varint((ulong)value.Length), .. value];

    public static string WriteTemp(byte[] model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tessera-{Guid.NewGuid():N}.model");
        File.WriteAllBytes(path, model);
        return path;
    }
}
