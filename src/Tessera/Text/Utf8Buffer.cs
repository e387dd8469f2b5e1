using System.Text;

namespace Tessera.Text;

/// <summary>A text's UTF-8 in a buffer kept for the next text (grown when too small), instead of a new array per text.</summary>
internal static class Utf8Buffer
{
    public static ReadOnlySpan<byte> Encode(string text, ref byte[] buffer)
    {
        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < most)
            buffer = new byte[Math.Max(most, 2 * buffer.Length)];
        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }
}
