using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Normalizers;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's normalizer (normalizer.cc, <c>Normalizer::Normalize</c>), byte for byte: at each position a
/// user-defined symbol is copied as it is (longest first), else the longest rule of the precompiled charsmap is
/// replaced, else a well-formed character is copied and a malformed byte becomes U+FFFD; leading, trailing and repeated
/// spaces are dropped (<c>remove_extra_whitespaces</c>); "▁" is put first (<c>add_dummy_prefix</c>; last with
/// <c>treat_whitespace_as_suffix</c>); spaces become "▁" (<c>escape_whitespaces</c>). See docs/algorithms/sentencepiece.md.
/// </summary>
/// <remarks>Immutable; the output goes to a caller's buffer, grown as needed, so nothing is allocated per call.</remarks>
internal sealed class SentencePieceNormalizer
{
    // Per lead byte: how the fast loop treats it.
    private const byte Copy = 0;     // ASCII that no rule or symbol starts with: copied as it is
    private const byte Space = 1;    // ' ' that no rule or symbol starts with
    private const byte General = 2;  // anything else: the full NormalizePrefix
    private const byte CopyBeforeAscii = 3; // ASCII that starts rules only when a non-ASCII byte follows ("A" + U+0300)

    private readonly PrecompiledCharsMap? _charsMap;
    private readonly PieceTrie? _userDefined;
    private readonly bool _addDummyPrefix, _removeExtraWhitespaces, _escapeWhitespaces, _treatWhitespaceAsSuffix;
    private readonly byte[] _kind = new byte[256];
    // Every printable ASCII byte (21-7E) is copied when an ASCII byte (or the end) follows: runs of them are found and
    // copied 16 bytes at a time.
    private readonly bool _printableRuns;
    private readonly bool _tabIsSpace;

    /// <summary>The normalizer; <paramref name="vectorized"/> false keeps to the byte-by-byte loop (for tests).</summary>
    public SentencePieceNormalizer(PrecompiledCharsMap? charsMap, PieceTrie? userDefined, bool addDummyPrefix,
        bool removeExtraWhitespaces, bool escapeWhitespaces, bool treatWhitespaceAsSuffix, bool vectorized = true)
    {
        _charsMap = charsMap;
        _userDefined = userDefined;
        _addDummyPrefix = addDummyPrefix;
        _removeExtraWhitespaces = removeExtraWhitespaces;
        _escapeWhitespaces = escapeWhitespaces;
        _treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
        for (int b = 0; b < 256; b++)
        {
            bool special = b >= 0x80 || (charsMap?.MayMatch((byte)b) ?? false)
                || (userDefined is not null && userDefined.Next(PieceTrie.Root, (byte)b) >= 0);
            _kind[b] = special ? General : b == ' ' ? Space : Copy;
            if (b < 0x80 && charsMap is not null && charsMap.MayMatch((byte)b) && !charsMap.IsRule([(byte)b])
                && !charsMap.HasAsciiContinuation((byte)b) && (userDefined is null || userDefined.Next(PieceTrie.Root, (byte)b) < 0))
                _kind[b] = b == ' ' ? General : CopyBeforeAscii;
        }
        _printableRuns = vectorized && Vector128.IsHardwareAccelerated;
        for (int b = 0x21; b <= 0x7E; b++)
            _printableRuns &= _kind[b] is Copy or CopyBeforeAscii;
        // A tab that normalizes to a space whatever ASCII follows it (nmt_nfkc's rule) is a space in a spaced line.
        _tabIsSpace = _kind['\t'] == General && (userDefined is null || userDefined.Next(PieceTrie.Root, (byte)'\t') < 0)
            && (charsMap is null ? false : charsMap.LongestMatch("\t"u8, out ReadOnlySpan<byte> tab) == 1 && tab.SequenceEqual(" "u8)
                && !charsMap.HasAsciiContinuation((byte)'\t'));
        SpacedLines = vectorized && Vector256.IsHardwareAccelerated && _printableRuns && _kind[' '] == Space
            && addDummyPrefix && removeExtraWhitespaces && escapeWhitespaces && !treatWhitespaceAsSuffix;
    }

    /// <summary>
    /// Whether <see cref="TryCopySpacedLine"/> can be used: printable ASCII is copied as it is, spaces are collapsed,
    /// trimmed, escaped to "▁" and one is put first.
    /// </summary>
    public bool SpacedLines { get; }

    /// <summary>
    /// For a line of printable ASCII and spaces (and tabs, when they normalize to spaces), its spaced form: a space,
    /// then the line with each tab made a space, where every run of spaces stands for one "▁" and a run at the end for
    /// nothing; false, with nothing promised about <paramref name="output"/>, for any other line. The normalized text
    /// is the spaced form with its last run of spaces dropped, every other run made one "▁": so the words of
    /// <see cref="WordCut.BeforeSpace"/> are read off it without writing the normalized text out.
    /// </summary>
    /// <remarks>Only when <see cref="SpacedLines"/>. <paramref name="output"/> has <paramref name="readable"/> bytes more after the form.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryCopySpacedLine(ReadOnlySpan<byte> input, ref byte[] output, int readable, out int length)
    {
        length = input.Length + 1;
        int blocks = (input.Length + 31) & ~31;
        if (output.Length < 1 + blocks + readable)
            output = new byte[Math.Max(1 + blocks + readable, output.Length * 2)];
        ref byte source = ref MemoryMarshal.GetReference(input);
        ref byte target = ref MemoryMarshal.GetArrayDataReference(output);
        target = (byte)' ';
        Vector256<byte> space = Vector256.Create((byte)' '), tab = Vector256.Create((byte)'\t');
        bool tabIsSpace = _tabIsSpace;
        int pos = 0;
        for (; pos + 32 <= input.Length; pos += 32)
        {
            Vector256<byte> block = Vector256.LoadUnsafe(ref source, (nuint)pos);
            if (!Spaced(ref block, space, tab, tabIsSpace))
                return false;
            block.StoreUnsafe(ref target, (nuint)(pos + 1));
        }
        if (pos == input.Length)
            return true;
        if (input.Length >= 32)
        {
            // The last 32 bytes, the first of which were checked and copied already: the same again.
            Vector256<byte> block = Vector256.LoadUnsafe(ref source, (nuint)(input.Length - 32));
            if (!Spaced(ref block, space, tab, tabIsSpace))
                return false;
            block.StoreUnsafe(ref target, (nuint)(input.Length - 32 + 1));
            return true;
        }
        Vector256<byte> line = LoadShort(input);
        Vector256<byte> inside = Vector256.LessThan(Vector256<byte>.Indices, Vector256.Create((byte)input.Length));
        line = (line & inside) | (~inside & space); // past the end: spaces, which pass
        if (!Spaced(ref line, space, tab, tabIsSpace))
            return false;
        line.StoreUnsafe(ref target, 1);
        return true;
    }

    /// <summary>
    /// The bytes of a line shorter than 32 bytes, in a block whose bytes past its end are anything: loaded whole when the
    /// 32 bytes from its start lie in one page of memory (reading past the line there cannot fault), else copied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<byte> LoadShort(ReadOnlySpan<byte> input)
    {
        fixed (byte* start = input)
        {
            if (((nuint)start & 4095) <= 4096 - 32)
                return Vector256.Load(start);
        }
        Span<byte> copy = stackalloc byte[32];
        input.CopyTo(copy);
        return Vector256.Create(copy);
    }

    /// <summary>Whether every byte of <paramref name="block"/> is printable ASCII or a space (or a tab, made a space).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Spaced(ref Vector256<byte> block, Vector256<byte> space, Vector256<byte> tab, bool tabIsSpace)
    {
        if (tabIsSpace)
            block = Vector256.ConditionalSelect(Vector256.Equals(block, tab), space, block);
        return Vector256.LessThanAll(block - space, Vector256.Create((byte)0x5F));
    }

    /// <summary>
    /// Normalizes <paramref name="input"/> into <paramref name="output"/> (grown when too small); returns the length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Normalize(ReadOnlySpan<byte> input, ref byte[] output)
    {
        int length = input.Length, pos = 0, n = 0;
        if (length == 0)
            return 0;
        if (_removeExtraWhitespaces)
        {
            // Heading spaces: what normalizes to exactly " ".
            while (pos < length)
            {
                ReadOnlySpan<byte> piece = NormalizePrefix(input[pos..], out int consumed);
                if (piece.Length != 1 || piece[0] != (byte)' ')
                    break;
                pos += consumed;
            }
            if (pos == length)
                return 0;
        }

        EnsureCapacity(ref output, 0, (length - pos) * 3 + 8);
        if (!_treatWhitespaceAsSuffix && _addDummyPrefix)
            n = AppendSpace(ref output, n);

        // Invariant: the output has room for 3 bytes per input byte left, plus 8 (a space becomes 3 bytes at most, a
        // copied byte 1), so the copy and space paths write without checks; a rule's replacement can be longer, so
        // the room is made again after one.
        bool isPrevSpace = _removeExtraWhitespaces;
        ref byte kind = ref MemoryMarshal.GetArrayDataReference(_kind);
        ref byte source = ref MemoryMarshal.GetReference(input);
        ref byte target = ref MemoryMarshal.GetArrayDataReference(output);
        while (pos < length)
        {
            byte b = Unsafe.Add(ref source, pos);
            byte k = Unsafe.Add(ref kind, b);
            if (k == CopyBeforeAscii)
                k = pos + 1 == length || Unsafe.Add(ref source, pos + 1) < 0x80 ? Copy : General;
            if (k == Copy && _printableRuns && length - pos >= 16)
            {
                // Printable ASCII, 16 bytes at a time (the output has room: see the invariant). The run's last byte
                // is kept for the loop below when a non-ASCII byte follows it (a rule may start there).
                Vector128<byte> block = Vector128.LoadUnsafe(ref source, (nuint)pos);
                uint outside = ~Vector128.LessThan(block - Vector128.Create((byte)0x21), Vector128.Create((byte)0x5E)).ExtractMostSignificantBits() & 0xFFFF;
                int run = outside == 0 ? 15 : BitOperations.TrailingZeroCount(outside);
                if (outside != 0 && Unsafe.Add(ref source, pos + run) >= 0x80)
                    run--;
                if (run > 0)
                {
                    block.StoreUnsafe(ref target, (nuint)n);
                    n += run;
                    pos += run;
                    isPrevSpace = false;
                    continue;
                }
            }
            if (k == Copy)
            {
                // A run of bytes copied as they are.
                do
                {
                    Unsafe.Add(ref target, n++) = b;
                    if (++pos == length)
                        break;
                    b = Unsafe.Add(ref source, pos);
                    k = Unsafe.Add(ref kind, b);
                }
                while (k == Copy || (k == CopyBeforeAscii && (pos + 1 == length || Unsafe.Add(ref source, pos + 1) < 0x80)));
                isPrevSpace = false;
                continue;
            }
            if (k == Space)
            {
                // A plain space: dropped after a space, else written (as "▁" when escaping).
                if (!isPrevSpace)
                {
                    if (_escapeWhitespaces)
                    {
                        Unsafe.Add(ref target, n) = 0xE2;
                        Unsafe.Add(ref target, n + 1) = 0x96;
                        Unsafe.Add(ref target, n + 2) = 0x81;
                        n += 3;
                    }
                    else
                    {
                        Unsafe.Add(ref target, n++) = (byte)' ';
                    }
                }
                isPrevSpace = _removeExtraWhitespaces;
                pos++;
                continue;
            }
            ReadOnlySpan<byte> piece = NormalizePrefix(input[pos..], out int consumed);
            // Spaces that follow a space are dropped.
            int skip = 0;
            if (isPrevSpace)
                while (skip < piece.Length && piece[skip] == (byte)' ')
                    skip++;
            if (skip < piece.Length)
            {
                n = AppendEscaped(ref output, n, piece[skip..]);
                isPrevSpace = piece[^1] == (byte)' ';
            }
            pos += consumed;
            if (!_removeExtraWhitespaces)
                isPrevSpace = false;
            EnsureCapacity(ref output, n, (length - pos) * 3 + 8);
            target = ref MemoryMarshal.GetArrayDataReference(output);
        }

        if (_removeExtraWhitespaces)
        {
            ReadOnlySpan<byte> space = _escapeWhitespaces ? Utf8Rules.SpaceSymbol : " "u8;
            while (n >= space.Length && output.AsSpan(n - space.Length, space.Length).SequenceEqual(space))
                n -= space.Length;
        }
        if (_treatWhitespaceAsSuffix && _addDummyPrefix)
            n = AppendSpace(ref output, n);
        return n;
    }

    /// <summary>
    /// <c>NormalizePrefix</c>: the normalized form of the first unit of <paramref name="input"/> (a user-defined symbol,
    /// a charsmap rule, or one character) and how many input bytes it consumed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> NormalizePrefix(ReadOnlySpan<byte> input, out int consumed)
    {
        if (_userDefined is not null)
        {
            int matched = _userDefined.LongestPrefix(input, out _);
            if (matched > 0)
            {
                consumed = matched;
                return input[..matched];
            }
        }
        if (_charsMap is not null)
        {
            int matched = _charsMap.LongestMatch(input, out ReadOnlySpan<byte> replacement);
            if (matched > 0)
            {
                consumed = matched;
                return replacement;
            }
        }
        int valid = Utf8Rules.ValidLength(input);
        if (valid == 0)
        {
            consumed = 1;
            return Utf8Rules.Replacement;
        }
        consumed = valid;
        return input[..valid];
    }

    private int AppendSpace(ref byte[] output, int n)
    {
        EnsureCapacity(ref output, n, 3);
        if (!_escapeWhitespaces)
        {
            output[n] = (byte)' ';
            return n + 1;
        }
        Utf8Rules.SpaceSymbol.CopyTo(output.AsSpan(n));
        return n + 3;
    }

    private int AppendEscaped(ref byte[] output, int n, ReadOnlySpan<byte> piece)
    {
        EnsureCapacity(ref output, n, piece.Length * 3);
        foreach (byte b in piece)
        {
            if (b == (byte)' ' && _escapeWhitespaces)
            {
                output[n] = 0xE2;
                output[n + 1] = 0x96;
                output[n + 2] = 0x81;
                n += 3;
            }
            else
            {
                output[n++] = b;
            }
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EnsureCapacity(ref byte[] buffer, int used, int more)
    {
        if (buffer.Length - used < more)
            Grow(ref buffer, used, more);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow(ref byte[] buffer, int used, int more)
    {
        var larger = new byte[Math.Max(buffer.Length * 2, used + more + 64)];
        buffer.AsSpan(0, used).CopyTo(larger);
        buffer = larger;
    }
}
