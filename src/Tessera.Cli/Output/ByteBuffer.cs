namespace Tessera.Cli.Output;

/// <summary>A growable byte buffer that formats ids and counts as ASCII decimals, fast.</summary>
internal sealed class ByteBuffer
{
    private static ReadOnlySpan<byte> Digits => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private byte[] _bytes;

    public ByteBuffer(int capacity = 1 << 16) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void WriteByte(byte b)
    {
        Ensure(1);
        _bytes[Length++] = b;
    }

    /// <summary>Writes ids separated by single spaces.</summary>
    public void WriteIds(ReadOnlySpan<int> ids)
    {
        Ensure(ids.Length * 11);
        Span<byte> dest = _bytes;
        int at = Length;
        for (int i = 0; i < ids.Length; i++)
        {
            if (i > 0) dest[at++] = (byte)' ';
            at += WriteDecimal(dest[at..], (uint)ids[i]);
        }
        Length = at;
    }

    public void WriteDecimal(long value)
    {
        Ensure(20);
        Length += value.TryFormat(_bytes.AsSpan(Length), out int written, default, System.Globalization.CultureInfo.InvariantCulture) ? written : 0;
    }

    /// <summary>Writes a non-negative number; returns its length.</summary>
    private static int WriteDecimal(Span<byte> dest, uint value)
    {
        if (value < 10)
        {
            dest[0] = (byte)('0' + value);
            return 1;
        }
        int length = value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : value < 100000 ? 5 : value < 1000000 ? 6 : 10;
        if (length == 10)
        {
            value.TryFormat(dest, out length, default, System.Globalization.CultureInfo.InvariantCulture);
            return length;
        }
        int i = length;
        while (value >= 10)
        {
            uint pair = value % 100 * 2;
            value /= 100;
            dest[--i] = Digits[(int)pair + 1];
            dest[--i] = Digits[(int)pair];
        }
        if (i > 0)
            dest[--i] = (byte)('0' + value);
        return length;
    }

    private void Ensure(int more)
    {
        if (Length + more > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
    }
}
