using System.Buffers.Binary;
using System.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Compiles normalization rules (a string and what it becomes) into a precompiled charsmap as SentencePiece stores it:
/// the trie's size in bytes (uint32 LE), the trie (<see cref="DartsArrayBuilder"/>), then each distinct replacement
/// once, NUL-terminated, in ordinal order; a key's value is where its replacement starts.
/// </summary>
internal static class PrecompiledCharsMapWriter
{
    public static byte[] Write(IReadOnlyDictionary<string, string> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var replacements = new List<byte>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string replacement in rules.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            positions[replacement] = replacements.Count;
            replacements.AddRange(Encoding.UTF8.GetBytes(replacement));
            replacements.Add(0);
        }
        uint[] units = DartsArrayBuilder.Build([.. rules.Select(r => (Encoding.UTF8.GetBytes(r.Key), positions[r.Value]))]);
        byte[] blob = new byte[4 + 4 * units.Length + replacements.Count];
        BinaryPrimitives.WriteUInt32LittleEndian(blob, (uint)(4 * units.Length));
        for (int i = 0; i < units.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(4 + 4 * i), units[i]);
        replacements.CopyTo(blob, 4 + 4 * units.Length);
        return blob;
    }
}
