using System.Buffers;
using System.Text;

namespace Tessera.Internal;

/// <summary>UTF-8 bytes of a string in a pooled buffer (lone surrogates become U+FFFD, as tiktoken does). Dispose returns it.</summary>
internal ref struct Utf8Text
{
    private byte[]? _rented;

    public Utf8Text(ReadOnlySpan<char> text, Span<byte> scratch)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = max <= scratch.Length ? scratch : (_rented = ArrayPool<byte>.Shared.Rent(max));
        Bytes = buffer[..Encoding.UTF8.GetBytes(text, buffer)];
    }

    public ReadOnlySpan<byte> Bytes { get; }

    public void Dispose()
    {
        if (_rented is not null)
            ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
    }

    /// <summary>The UTF-16 index that corresponds to UTF-8 index <paramref name="byteIndex"/> of <paramref name="utf8"/>.</summary>
    public static int CharIndexOf(ReadOnlySpan<byte> utf8, int byteIndex) => Encoding.UTF8.GetCharCount(utf8[..byteIndex]);
}
