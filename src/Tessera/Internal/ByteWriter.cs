namespace Tessera.Internal;

/// <summary>
/// Bytes appended to a buffer kept for reuse (cleared, not reallocated). In place of
/// <c>ArrayBufferWriter&lt;byte&gt;</c> in the per-text loops: its writes go through the generic
/// <c>IBufferWriter&lt;T&gt;</c> extension and an interface call, and its code is not in the ReadyToRun image, so the first
/// pass over new text ran it unoptimized until the JIT caught up.
/// </summary>
internal sealed class ByteWriter(int capacity = 256)
{
    private byte[] _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>How many bytes have been written since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - Count)
            Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, Count + bytes.Length));
        bytes.CopyTo(_buffer.AsSpan(Count));
        Count += bytes.Length;
    }
}
