using System.Buffers.Binary;
using System.Text;

namespace Tessera.Formats.SentencePiece;

/// <summary>
/// Writes protocol buffer wire data field by field, the mirror of <see cref="ProtoReader"/>: varints (negative int32
/// as ten bytes, as protobuf writes them), fixed 32-bit floats, length-delimited strings and nested messages.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public void Varint(int field, long value)
    {
        Tag(field, WireType.Varint);
        Varint((ulong)value);
    }

    public void Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public void Float(int field, float value)
    {
        Tag(field, WireType.Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireType.LengthDelimited);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Writes a nested message, which <paramref name="body"/> fills.</summary>
    public void Message(int field, Action<ProtoWriter> body)
    {
        var inner = new ProtoWriter();
        body(inner);
        Bytes(field, inner.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, WireType type) => Varint((ulong)((field << 3) | (int)type));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
