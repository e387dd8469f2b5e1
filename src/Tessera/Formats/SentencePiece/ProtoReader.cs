using System.Buffers.Binary;

namespace Tessera.Formats.SentencePiece;

/// <summary>The wire types of the protocol buffer encoding.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Reads protocol buffer wire data field by field (tags, varints, length-delimited and fixed-width values), just enough
/// for SentencePiece's <c>ModelProto</c>: no generated code, no reflection. Unknown fields are skipped as protobuf does.
/// Every error is a <see cref="TokenizerFormatException"/> naming the file and the byte offset in it.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;
    private readonly string _file;
    private int _position;

    /// <summary>A reader over <paramref name="data"/>, which starts at byte <paramref name="baseOffset"/> of <paramref name="file"/>.</summary>
    public ProtoReader(ReadOnlySpan<byte> data, string file, int baseOffset = 0)
    {
        _data = data;
        _file = file;
        _base = baseOffset;
        _position = 0;
    }

    /// <summary>The offset in the file of the next byte to read.</summary>
    public readonly int Offset => _base + _position;

    /// <summary>Whether all the data has been read.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next tag; false at the end of the data.</summary>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        if (AtEnd)
        {
            field = 0;
            wireType = 0;
            return false;
        }
        int at = Offset;
        ulong tag = ReadVarint();
        field = (int)Math.Min(tag >> 3, int.MaxValue);
        wireType = (WireType)(tag & 7);
        if (field == 0 || tag >> 3 > 0x1FFFFFFF)
            throw Error(at, $"invalid field number {tag >> 3}");
        if ((int)wireType > 5)
            throw Error(at, $"invalid wire type {(int)wireType} (field {field})");
        return true;
    }

    /// <summary>A base-128 varint of at most ten bytes.</summary>
    public ulong ReadVarint()
    {
        int at = Offset;
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
                throw Error(at, "truncated varint");
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw Error(at, "varint longer than ten bytes");
    }

    /// <summary>An <c>int32</c> or enum field (a varint truncated to 32 bits, as protobuf does).</summary>
    public int ReadInt32() => (int)ReadVarint();

    /// <summary>A <c>bool</c> field.</summary>
    public bool ReadBool() => ReadVarint() != 0;

    /// <summary>A <c>float</c> field (fixed32, little-endian).</summary>
    public float ReadFloat()
    {
        if (_data.Length - _position < 4)
            throw Error(Offset, "truncated fixed32 value");
        float value = BinaryPrimitives.ReadSingleLittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>The bytes of a length-delimited field; <paramref name="start"/> is their offset in the file.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited(out int start)
    {
        int at = Offset;
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
            throw Error(at, $"length {length} runs past the end of the data ({_data.Length - _position} bytes left)");
        start = Offset;
        ReadOnlySpan<byte> value = _data.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    /// <summary>A nested message as a reader of its own (offsets stay file offsets).</summary>
    public ProtoReader ReadMessage()
    {
        ReadOnlySpan<byte> body = ReadLengthDelimited(out int start);
        return new ProtoReader(body, _file, start);
    }

    /// <summary>
    /// Reads a field of a known number whose wire type is <paramref name="actual"/>; false (after skipping it) when
    /// that is not <paramref name="expected"/>: protobuf parses such a field as an unknown one.
    /// </summary>
    public bool Expect(WireType actual, WireType expected, int field)
    {
        if (actual == expected)
            return true;
        Skip(actual, field);
        return false;
    }

    /// <summary>Skips the value of a field of wire type <paramref name="wireType"/>.</summary>
    public void Skip(WireType wireType, int field)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Advance(8, "fixed64");
                break;
            case WireType.Fixed32:
                Advance(4, "fixed32");
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited(out _);
                break;
            case WireType.StartGroup:
                int at = Offset;
                while (true)
                {
                    if (!TryReadTag(out int inner, out WireType innerType))
                        throw Error(at, $"group {field} has no end");
                    if (innerType == WireType.EndGroup)
                    {
                        if (inner != field)
                            throw Error(Offset, $"group {field} ended by the end of group {inner}");
                        break;
                    }
                    Skip(innerType, inner);
                }
                break;
            default:
                throw Error(Offset, $"unexpected end of group {field}");
        }
    }

    private void Advance(int count, string what)
    {
        if (_data.Length - _position < count)
            throw Error(Offset, $"truncated {what} value");
        _position += count;
    }

    /// <summary>A format error at file offset <paramref name="offset"/>.</summary>
    public readonly TokenizerFormatException Error(int offset, string problem) => Error(_file, offset, problem);

    public static TokenizerFormatException Error(string file, int offset, string problem) =>
        new(file, 0, "", $"byte offset {offset}: {problem}");
}
