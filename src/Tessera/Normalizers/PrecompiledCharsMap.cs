using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Tessera.Normalizers;

/// <summary>
/// SentencePiece's <c>precompiled_charsmap</c>: normalization rules compiled into a Darts-clone double-array trie
/// whose values point into a string of NUL-terminated replacements. Layout: trie size in bytes (uint32 LE), the trie's
/// units (uint32 LE each), the replacements. Shared by SentencePiece's normalizer (longest match) and Hugging Face's
/// <c>Precompiled</c> normalizer (first match). Immutable.
/// </summary>
/// <remarks>
/// A unit holds a label (bits 0-7, bit 31 set on value units), a has-leaf flag (bit 8), and an offset to its children
/// (bits 10-31, shifted left by 8 when bit 9 is set); a child for byte c of a node at p sits at p ^ offset ^ c and is
/// valid when its label is c. Indices are checked against the array, so a damaged trie reads as "no match" instead of
/// reading out of bounds as the C++ does.
/// </remarks>
internal sealed class PrecompiledCharsMap
{
    private readonly uint[] _units;
    private readonly byte[] _replacements;
    // Bit b set: some rule starts with byte b (the root has a child labelled b).
    private readonly ulong[] _firstBytes = new ulong[4];

    private PrecompiledCharsMap(byte[] blob, uint[] units, byte[] replacements)
    {
        Blob = blob;
        _units = units;
        _replacements = replacements;
        if (units.Length == 0)
            return;
        for (int b = 0; b < 256; b++)
        {
            long p = Offset(units[0]) ^ (uint)b;
            if (p < units.Length && Label(units[p]) == (uint)b)
                _firstBytes[b >> 6] |= 1UL << (b & 63);
        }
    }

    /// <summary>The serialized map, as stored in the model or tokenizer.json.</summary>
    public byte[] Blob { get; }

    /// <summary>The replacement strings (NUL-terminated, concatenated).</summary>
    public ReadOnlySpan<byte> Replacements => _replacements;

    /// <summary>
    /// Splits a serialized map, checked as SentencePiece checks it; null with <paramref name="problem"/> set when it
    /// is broken.
    /// </summary>
    public static PrecompiledCharsMap? TryParse(byte[] blob, out string? problem)
    {
        // SentencePiece: "Blob for normalization rule is broken." / "Trie data size exceeds the input blob size."
        if (blob.Length <= 4)
        {
            problem = "the precompiled charsmap is shorter than its 4-byte header";
            return null;
        }
        uint trieSize = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        if (trieSize >= (uint)blob.Length || trieSize > (uint)(blob.Length - 4))
        {
            problem = $"the precompiled charsmap's trie size ({trieSize} bytes) exceeds the data ({blob.Length - 4} bytes)";
            return null;
        }
        var units = new uint[trieSize / 4];
        for (int i = 0; i < units.Length; i++)
            units[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4 + 4 * i));
        problem = null;
        return new PrecompiledCharsMap(blob, units, blob[(4 + (int)trieSize)..]);
    }

    /// <summary>Whether some rule starts with <paramref name="b"/> (otherwise no rule can match text starting with it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayMatch(byte b) => (_firstBytes[b >> 6] & (1UL << (b & 63))) != 0;

    /// <summary>
    /// Splits a serialized map as Hugging Face's spm_precompiled does: the trie size's units must be present and the
    /// replacements (everything after them) must be valid UTF-8; null with <paramref name="problem"/> set otherwise.
    /// </summary>
    public static PrecompiledCharsMap? TryParseHuggingFace(byte[] blob, out string? problem)
    {
        if (blob.Length < 4)
        {
            problem = "cannot parse precompiled_charsmap: shorter than its 4-byte header";
            return null;
        }
        uint trieSize = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        long trieBytes = trieSize / 4 * 4L;
        if (trieBytes > blob.Length - 4)
        {
            problem = $"cannot parse precompiled_charsmap: its trie ({trieSize} bytes) runs past the data ({blob.Length - 4} bytes)";
            return null;
        }
        byte[] replacements = blob[(4 + (int)trieBytes)..];
        if (!System.Text.Unicode.Utf8.IsValid(replacements))
        {
            problem = "cannot parse precompiled_charsmap: its replacement strings are not valid UTF-8";
            return null;
        }
        var units = new uint[trieBytes / 4];
        for (int i = 0; i < units.Length; i++)
            units[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4 + 4 * i));
        problem = null;
        return new PrecompiledCharsMap(blob, units, replacements);
    }

    /// <summary>Whether <paramref name="key"/> is itself a rule.</summary>
    public bool IsRule(ReadOnlySpan<byte> key) => LongestMatch(key, out _) == key.Length && key.Length > 0;

    /// <summary>Whether some rule starts with <paramref name="b"/> followed by an ASCII byte.</summary>
    public bool HasAsciiContinuation(byte b)
    {
        if (!MayMatch(b))
            return false;
        long p = Offset(_units[0]) ^ b;
        long children = Offset(_units[p]) ^ p;
        for (uint c = 0; c < 0x80; c++)
        {
            long q = children ^ c;
            if (q < _units.Length && Label(_units[q]) == c)
                return true;
        }
        return false;
    }

    /// <summary>
    /// SentencePiece's lookup (<c>Normalizer::NormalizePrefix</c>): the longest rule that is a prefix of
    /// <paramref name="input"/>; returns its length in bytes (0: none) and its replacement.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int LongestMatch(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> replacement)
    {
        replacement = default;
        uint[] units = _units;
        if (units.Length == 0 || input.IsEmpty)
            return 0;
        int longest = 0;
        long value = 0;
        long p = Offset(units[0]);
        for (int i = 0; i < input.Length; i++)
        {
            uint c = input[i];
            p ^= c;
            if ((ulong)p >= (ulong)units.Length)
                break;
            uint unit = units[p];
            if (Label(unit) != c)
                break;
            p ^= Offset(unit);
            if ((unit & 0x100) != 0)
            {
                if ((ulong)p >= (ulong)units.Length)
                    break;
                longest = i + 1;
                value = units[p] & 0x7FFFFFFF;
            }
        }
        if (longest > 0)
            replacement = ReplacementAt(value);
        return longest;
    }

    /// <summary>
    /// Hugging Face's lookup (spm_precompiled's <c>transform</c>): the replacement of the shortest rule that is a prefix
    /// of <paramref name="chunk"/>, the walk stopping at a NUL byte; false when none.
    /// </summary>
    public bool TryFirstMatch(ReadOnlySpan<byte> chunk, out ReadOnlySpan<byte> replacement)
    {
        replacement = default;
        uint[] units = _units;
        if (units.Length == 0)
            return false;
        long p = Offset(units[0]);
        foreach (byte b in chunk)
        {
            if (b == 0)
                return false;
            p ^= b;
            if ((ulong)p >= (ulong)units.Length)
                return false;
            uint unit = units[p];
            if (Label(unit) != b)
                return false;
            p ^= Offset(unit);
            if ((unit & 0x100) != 0)
            {
                if ((ulong)p >= (ulong)units.Length)
                    return false;
                replacement = ReplacementAt(units[p] & 0x7FFFFFFF);
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Every rule of the map, keys in byte order (SentencePiece's <c>DecompileCharsMap</c>): a depth-first walk over
    /// the children of each node, bytes 1 to 255.
    /// </summary>
    public List<(byte[] Key, byte[] Replacement)> Rules()
    {
        var rules = new List<(byte[] Key, byte[] Replacement)>();
        if (_units.Length > 0)
            Walk(Offset(_units[0]), [], rules);
        return rules;
    }

    private void Walk(long p, List<byte> key, List<(byte[] Key, byte[] Replacement)> rules)
    {
        for (uint c = 1; c < 256; c++)
        {
            long q = p ^ c;
            if ((ulong)q >= (ulong)_units.Length || Label(_units[q]) != c)
                continue;
            long next = q ^ Offset(_units[q]);
            key.Add((byte)c);
            if ((_units[q] & 0x100) != 0 && (ulong)next < (ulong)_units.Length)
                rules.Add(([.. key], ReplacementAt(_units[next] & 0x7FFFFFFF).ToArray()));
            if (key.Count < 64) // a damaged trie may loop
                Walk(next, key, rules);
            key.RemoveAt(key.Count - 1);
        }
    }

    /// <summary>The NUL-terminated replacement at <paramref name="index"/> (empty when the index is out of range).</summary>
    private ReadOnlySpan<byte> ReplacementAt(long index)
    {
        if ((ulong)index >= (ulong)_replacements.Length)
            return default;
        ReadOnlySpan<byte> tail = _replacements.AsSpan((int)index);
        int end = tail.IndexOf((byte)0);
        return end < 0 ? tail : tail[..end];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Label(uint unit) => unit & 0x800000FFu;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Offset(uint unit) => (long)((unit >> 10) << (int)((unit & (1u << 9)) >> 6));
}
