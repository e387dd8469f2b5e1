using System.Text;
using System.Text.Unicode;

namespace Tessera.Cli.Input;

/// <summary>
/// Reads the input and checks that it is UTF-8 as it passes, naming the byte offset of the first invalid byte.
/// It hands out only whole UTF-8 sequences, holding back a sequence cut by a read until the rest arrives.
/// </summary>
internal sealed class InputStream(Stream inner, string source) : Stream
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _position;     // next byte to hand out
    private int _checkedEnd;   // end of the checked, whole sequences
    private int _end;          // end of the bytes read
    private long _bufferOffset; // input offset of _buffer[0]
    private bool _atEnd;

    /// <summary>Bytes handed out so far.</summary>
    public long BytesRead => _bufferOffset + _position;

    public override int Read(Span<byte> destination)
    {
        if (_position == _checkedEnd && !Fill())
            return 0;
        int n = Math.Min(destination.Length, _checkedEnd - _position);
        _buffer.AsSpan(_position, n).CopyTo(destination);
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private bool Fill()
    {
        // Keep the held-back tail (at most 3 bytes), then read more.
        int tail = _end - _checkedEnd;
        _buffer.AsSpan(_checkedEnd, tail).CopyTo(_buffer);
        _bufferOffset += _checkedEnd;
        _position = _checkedEnd = 0;
        _end = tail;
        while (!_atEnd)
        {
            int read = inner.Read(_buffer.AsSpan(_end));
            _end += read;
            _atEnd = read == 0;
            int whole = _atEnd ? _end : WholeSequencesEnd(_buffer.AsSpan(0, _end));
            if (whole > 0 || _atEnd)
            {
                Check(_buffer.AsSpan(0, whole));
                _checkedEnd = whole;
                return whole > 0;
            }
        }
        return false;
    }

    /// <summary>The end of <paramref name="data"/> less a trailing sequence that a later read may complete.</summary>
    private static int WholeSequencesEnd(ReadOnlySpan<byte> data)
    {
        for (int i = data.Length - 1; i >= Math.Max(0, data.Length - 4); i--)
        {
            byte b = data[i];
            if ((b & 0xC0) == 0x80) continue; // continuation byte: look further back
            int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return i + length > data.Length ? i : data.Length;
        }
        return data.Length;
    }

    private void Check(ReadOnlySpan<byte> data)
    {
        if (Utf8.IsValid(data))
            return;
        int at = 0;
        while (Rune.DecodeFromUtf8(data[at..], out _, out int consumed) == System.Buffers.OperationStatus.Done)
            at += consumed;
        throw CliException.Input($"{source}: invalid UTF-8 at byte offset {_bufferOffset + at}");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
