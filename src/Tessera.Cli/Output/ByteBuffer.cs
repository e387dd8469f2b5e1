namespace Tessera.Cli.Output;

/// <summary>A growable byte buffer that formats ids and counts as ASCII decimals, fast.</summary>
internal sealed class ByteBuffer
{
    private byte[] _bytes;

    public ByteBuffer(int capacity = 1 << 16) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Makes room for <paramref name="bytes"/> more at once, rather than doubling through fresh arrays.</summary>
    public void Reserve(int bytes) => Ensure(bytes);

    public void WriteByte(byte b)
    {
        Ensure(1);
        _bytes[Length++] = b;
    }

    /// <summary>Writes ids separated by single spaces.</summary>
    public void WriteIds(ReadOnlySpan<int> ids)
    {
        Ensure(ids.Length * DecimalIds.MaxBytesPerId + DecimalIds.Slack);
        Length += DecimalIds.Write(_bytes.AsSpan(Length), ids);
    }

    public void WriteDecimal(long value)
    {
        Ensure(20);
        Length += value.TryFormat(_bytes.AsSpan(Length), out int written, default, System.Globalization.CultureInfo.InvariantCulture) ? written : 0;
    }

    private void Ensure(int more)
    {
        if (Length + more > _bytes.Length)
        {
            byte[] bigger = GC.AllocateUninitializedArray<byte>(Math.Max(_bytes.Length * 2, Length + more));
            Span.CopyTo(bigger);
            _bytes = bigger;
        }
    }
}
