using System.Text;
using System.Text.Unicode;

namespace Tessera.Cli.Input;

/// <summary>
/// Reads the input and checks that it is UTF-8 as it passes, naming the byte offset of the first invalid byte.
/// A read of at least <see cref="MinRead"/> bytes ends on a sequence boundary: a sequence cut by the underlying read
/// is held back until the rest arrives.
/// </summary>
/// <remarks>
/// Reads go straight into the caller's buffer and are checked there (an intermediate buffer cost a copy of the whole
/// input); only the held-back bytes, at most three, are copied. Reads of fewer than <see cref="MinRead"/> bytes go
/// through a small scratch buffer, so that the held-back bytes always fit; they may end inside a sequence.
/// </remarks>
internal sealed class InputStream(Stream inner, string source) : Stream
{
    public const int MinRead = 16;
    private readonly byte[] _held = new byte[4];      // the start of a sequence the last read cut
    private int _heldCount;
    private readonly byte[] _scratch = new byte[MinRead];
    private int _scratchStart, _scratchCount;
    private long _checked;                             // bytes checked and handed on (to the caller or the scratch)
    private bool _atEnd;

    /// <summary>Bytes handed out so far.</summary>
    public long BytesRead => _checked - _scratchCount;

    public override int Read(Span<byte> destination)
    {
        if (_scratchCount > 0 || destination.Length < MinRead)
            return ReadThroughScratch(destination);
        while (true)
        {
            int held = _heldCount;
            _held.AsSpan(0, held).CopyTo(destination);
            int read = _atEnd ? 0 : inner.Read(destination[held..]);
            if (read == 0)
            {
                _atEnd = true;
                _heldCount = 0;
                Check(destination[..held]); // a sequence cut by the end of the input is invalid
                _checked += held;
                return held;
            }
            int total = held + read;
            int whole = WholeSequencesEnd(destination[..total]);
            Check(destination[..whole]);
            destination[whole..total].CopyTo(_held);
            _heldCount = total - whole;
            _checked += whole;
            if (whole > 0)
                return whole;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private int ReadThroughScratch(Span<byte> destination)
    {
        if (_scratchCount == 0)
        {
            _scratchStart = 0;
            _scratchCount = Read(_scratch);
        }
        int n = Math.Min(destination.Length, _scratchCount);
        _scratch.AsSpan(_scratchStart, n).CopyTo(destination);
        _scratchStart += n;
        _scratchCount -= n;
        return n;
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
        throw CliException.Input($"{source}: invalid UTF-8 at byte offset {_checked + at}");
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
