using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.PreTokenizers;

/// <summary>
/// Sixty-four bytes of text classified at once with vector compares: bit <c>i</c> of each mask tells the class of the
/// byte at <see cref="Base"/> + i (upper, lower, digit, blank, punctuation, non-ASCII). A splitter then finds the end of a run of a
/// class with one shift and one trailing-zero count instead of a loop over bytes, and the cost of classifying is
/// shared by the ten or so pieces a window holds. Bytes past the end of the text belong to no class.
/// </summary>
/// <remarks>See docs/algorithms/pre-tokenizer.md, "The ASCII window".</remarks>
internal struct AsciiWindow
{
    public const int Width = 64;

    /// <summary>A piece that starts further than this into the window is looked up in a new window at its start.</summary>
    public const int Reach = 32;

    /// <summary>The smallest page size of the platforms .NET runs on: a read that stays within one such page cannot fault.</summary>
    private const nuint MinPageSize = 4096;

    public int Base;
    public ulong Upper;
    public ulong Lower;
    public ulong Digit;
    /// <summary>Whitespace other than <c>\r</c> and <c>\n</c>.</summary>
    public ulong Blank;
    /// <summary><c>[^\s\p{L}\p{N}]</c> within ASCII.</summary>
    public ulong Punct;
    public ulong NonAscii;

    // Which text the window was made from: its first byte's address and its length (a splitter may be handed another).
    private nint _text;
    private int _length;

    public readonly ulong Letter => Upper | Lower;

    /// <summary>
    /// Where the piece starting at <paramref name="from"/> is in the window, classifying a new window at
    /// <paramref name="from"/> when the current one does not reach far enough past it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe int IndexOf(ReadOnlySpan<byte> text, int from)
    {
        int i = from - Base;
        if ((uint)i > Reach || _length != text.Length || _text != (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text)))
        {
            Load(text, from);
            i = 0;
        }
        return i;
    }

    /// <summary>
    /// The next piece of <typeparamref name="TPieces"/>' pattern from <paramref name="from"/> (see <see cref="IPieceSplitter"/>):
    /// decided in the window when it can be, else byte by byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextPiece<TPieces>(ReadOnlySpan<byte> text, int from, out int start) where TPieces : IAsciiPieces
    {
        start = from;
        if (from >= text.Length)
            return -1;
        int end = TPieces.WindowPieceEnd(in this, text, IndexOf(text, from));
        return end >= 0 ? end : TPieces.PieceEnd(text, from);
    }

    /// <summary>Whether bit <paramref name="i"/> of <paramref name="mask"/> is set (false for 64 and beyond).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Has(ulong mask, int i) => i < Width && ((mask >> i) & 1) != 0;

    /// <summary>The end of the run of set bits of <paramref name="mask"/> from bit <paramref name="i"/> (64 when it reaches the window's end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RunEnd(ulong mask, int i) => i + BitOperations.TrailingZeroCount(~(mask >> i));

    /// <summary>
    /// The text index of a run's end at bit <paramref name="end"/>, or -1 when the window cannot tell where the piece
    /// ends: the run reaches the window's end, or stops at a non-ASCII byte (which may continue it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int EndOrNone(int end) => end >= Width || Has(NonAscii, end) ? -1 : Base + end;

    private unsafe void Load(ReadOnlySpan<byte> text, int at)
    {
        Base = at;
        _length = text.Length;
        _text = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text));
        int available = text.Length - at;
        if (available >= Width)
        {
            Classify(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), at), ulong.MaxValue);
            return;
        }
        // The text ends in this window (every line does, in per-line encoding). When the 64 bytes from here lie in one
        // 4 KB page, reading past the text's end cannot fault, and the bytes there are masked off: no copy. The text is
        // pinned so the check and the read see the same address.
        fixed (byte* start = text[at..])
        {
            if (((nuint)start & (MinPageSize - 1)) <= MinPageSize - Width)
            {
                Classify(ref *start, (1UL << available) - 1);
                return;
            }
        }
        // Else classify a zero-padded copy and drop the padding.
        Span<byte> copy = stackalloc byte[Width];
        copy.Clear();
        text[at..].CopyTo(copy);
        Classify(ref MemoryMarshal.GetReference(copy), (1UL << available) - 1);
    }

    // One 64-byte vector only in the natively compiled command (built for its machine, scripts/build-native.sh):
    // under the JIT, code that tests for AVX-512 is left out of the ReadyToRun image and compiled at first use (a
    // 2-5 ms longer first encode), and four 16-byte vectors cost only a few percent more.
    private static readonly bool s_wide = !RuntimeFeature.IsDynamicCodeSupported && Vector512.IsHardwareAccelerated;

    private void Classify(ref byte bytes, ulong valid)
    {
        ulong upper = 0, lower = 0, digit = 0, space = 0, newLine = 0, nonAscii = 0;
        if (s_wide)
        {
            ClassifyWide(ref bytes, out upper, out lower, out digit, out space, out newLine, out nonAscii);
        }
        else
        {
            for (int part = 0; part < Width; part += Vector128<byte>.Count)
            {
                Vector128<byte> v = Vector128.LoadUnsafe(ref bytes, (nuint)part);
                upper |= (ulong)Vector128.LessThan(v - Vector128.Create((byte)'A'), Vector128.Create((byte)26)).ExtractMostSignificantBits() << part;
                lower |= (ulong)Vector128.LessThan(v - Vector128.Create((byte)'a'), Vector128.Create((byte)26)).ExtractMostSignificantBits() << part;
                digit |= (ulong)Vector128.LessThan(v - Vector128.Create((byte)'0'), Vector128.Create((byte)10)).ExtractMostSignificantBits() << part;
                space |= (ulong)(Vector128.LessThan(v - Vector128.Create((byte)'\t'), Vector128.Create((byte)5)) | Vector128.Equals(v, Vector128.Create((byte)' '))).ExtractMostSignificantBits() << part;
                newLine |= (ulong)(Vector128.Equals(v, Vector128.Create((byte)'\n')) | Vector128.Equals(v, Vector128.Create((byte)'\r'))).ExtractMostSignificantBits() << part;
                nonAscii |= (ulong)v.ExtractMostSignificantBits() << part;
            }
        }
        Upper = upper & valid;
        Lower = lower & valid;
        Digit = digit & valid;
        Blank = space & ~newLine & valid;
        NonAscii = nonAscii & valid;
        Punct = ~(upper | lower | digit | space | nonAscii) & valid;
    }

    private static void ClassifyWide(ref byte bytes, out ulong upper, out ulong lower, out ulong digit, out ulong space, out ulong newLine, out ulong nonAscii)
    {
        Vector512<byte> v = Vector512.LoadUnsafe(ref bytes);
        upper = Vector512.LessThan(v - Vector512.Create((byte)'A'), Vector512.Create((byte)26)).ExtractMostSignificantBits();
        lower = Vector512.LessThan(v - Vector512.Create((byte)'a'), Vector512.Create((byte)26)).ExtractMostSignificantBits();
        digit = Vector512.LessThan(v - Vector512.Create((byte)'0'), Vector512.Create((byte)10)).ExtractMostSignificantBits();
        space = (Vector512.LessThan(v - Vector512.Create((byte)'\t'), Vector512.Create((byte)5)) | Vector512.Equals(v, Vector512.Create((byte)' '))).ExtractMostSignificantBits();
        newLine = (Vector512.Equals(v, Vector512.Create((byte)'\n')) | Vector512.Equals(v, Vector512.Create((byte)'\r'))).ExtractMostSignificantBits();
        nonAscii = v.ExtractMostSignificantBits();
    }
}
