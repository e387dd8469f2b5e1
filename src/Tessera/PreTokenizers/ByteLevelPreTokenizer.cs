using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>
/// GPT-2's byte-level pre-tokenizer: optionally a space before the text, optionally the GPT-2 pattern's pieces, then
/// every byte rewritten as its <see cref="ByteLevelAlphabet"/> code point (so the model sees only printable characters).
/// </summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool trimOffsets, bool useRegex) : IPreTokenizer
{
    /// <summary>GPT-2's pattern, which <c>use_regex</c> applies.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private static readonly Lazy<Pattern> s_gpt2 = new(() => Pattern.Regex(Gpt2Pattern));

    public bool AddPrefixSpace => addPrefixSpace;
    public bool TrimOffsets => trimOffsets;
    public bool UseRegex => useRegex;

    /// <summary>Reads the object; <c>use_regex</c> is absent from files written before it existed and defaults to true.</summary>
    public static ByteLevelPreTokenizer FromJson(JsonObject json)
    {
        json.RejectNull("use_regex");
        return new(json.RequiredBool("add_prefix_space"), json.RequiredBool("trim_offsets"), json.Bool("use_regex", true));
    }

    public void PreTokenize(PreTokenizedString text)
    {
        text.Split((_, piece) =>
        {
            if (addPrefixSpace && (piece.IsEmpty || piece.Normalized[0] != (byte)' '))
                piece.Prepend(" ");
            return useRegex ? piece.Split(s_gpt2.Value, SplitBehavior.Isolated) : [piece];
        });
        text.Normalize(ToByteLevel);
    }

    /// <summary>Rewrites each byte as its code point; the bytes after a character's first are inserted.</summary>
    public static void ToByteLevel(NormalizedString text)
    {
        ReadOnlySpan<byte> bytes = text.Normalized;
        var changes = new List<(int, int)>(bytes.Length);
        for (int i = 0; i < bytes.Length;)
        {
            int length = Utf8Chars.LengthAt(bytes, i);
            for (int b = 0; b < length; b++)
                changes.Add((ByteLevelAlphabet.CharOf(bytes[i + b]), b > 0 ? 1 : 0));
            i += length;
        }
        text.Transform(changes, 0);
    }

    public void WriteJson(Utf8JsonWriter writer) => ByteLevelJson.Write(writer, addPrefixSpace, trimOffsets, useRegex);
}
