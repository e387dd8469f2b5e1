using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Text;

/// <summary>
/// Runs of printable ASCII (space to tilde, 20-7E), found 16 bytes at a time: library code compiled ahead of time,
/// where a search with <see cref="System.Buffers.SearchValues{T}"/> is generic code the runtime compiles at first use
/// and runs unoptimized through a first pass over a text.
/// </summary>
internal static class PrintableAscii
{
    /// <summary>How many bytes at the start of <paramref name="text"/> are printable ASCII.</summary>
    public static int RunLength(ReadOnlySpan<byte> text)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(text);
            for (; i + 16 <= text.Length; i += 16)
            {
                Vector128<byte> block = Vector128.LoadUnsafe(ref start, (nuint)i);
                uint outside = ~Vector128.LessThan(block - Vector128.Create((byte)0x20), Vector128.Create((byte)0x5F)).ExtractMostSignificantBits() & 0xFFFF;
                if (outside != 0)
                    return i + BitOperations.TrailingZeroCount(outside);
            }
        }
        while (i < text.Length && (uint)(text[i] - 0x20) < 0x5F)
            i++;
        return i;
    }
}
