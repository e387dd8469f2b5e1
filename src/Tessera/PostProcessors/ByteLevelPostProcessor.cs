using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PostProcessors;

/// <summary>
/// GPT-2's byte-level post-processor: adds no tokens; with <c>trim_offsets</c> the offsets leave out the spaces
/// (<c>Ġ</c>) a token starts or ends with.
/// </summary>
/// <remarks><c>use_regex</c> belongs to the pre-tokenizer and is kept only to write it back.</remarks>
internal sealed class ByteLevelPostProcessor(bool addPrefixSpace, bool trimOffsets, bool useRegex) : IPostProcessor
{
    private static readonly int s_space = ByteLevelAlphabet.CharOf((byte)' ');

    /// <summary>Reads <c>{"type": "ByteLevel", "add_prefix_space", "trim_offsets"[, "use_regex"]}</c>: the type and the first two are required.</summary>
    public static ByteLevelPostProcessor FromJson(JsonObject json)
    {
        json.RequireType("ByteLevel");
        return new(json.RequiredBool("add_prefix_space"), json.RequiredBool("trim_offsets"), json.Bool("use_regex", true));
    }

    public int AddedTokens(bool isPair) => 0;

    public List<TokenEncoding> ProcessEncodings(List<TokenEncoding> encodings, bool addSpecialTokens)
    {
        if (trimOffsets)
        {
            foreach (TokenEncoding encoding in encodings)
            {
                TrimOffsets(encoding, addPrefixSpace);
                foreach (TokenEncoding part in encoding.Overflowing)
                    TrimOffsets(part, addPrefixSpace);
            }
        }
        for (int i = 0; i < encodings.Count; i++)
            encodings[i].SetSequenceId(i);
        return encodings;
    }

    /// <summary>
    /// Hugging Face's <c>process_offsets</c>: a token's offsets move past the spaces (<c>Ġ</c> or Unicode white space)
    /// it starts with and before those it ends with, never crossing; a single leading space of the first token (or of
    /// one starting at offset 0) is kept when <paramref name="addPrefixSpace"/>, as the pre-tokenizer added it. Character
    /// and byte offsets move by the same count, as Hugging Face's do.
    /// </summary>
    public static void TrimOffsets(TokenEncoding encoding, bool addPrefixSpace)
    {
        for (int i = 0; i < encoding.Count; i++)
        {
            List<Rune> chars = Decoders.DecoderText.Chars(encoding.TokenList[i]);
            int leading = 0;
            while (leading < chars.Count && IsSpace(chars[leading]))
                leading++;
            int trailing = 0;
            while (trailing < chars.Count && IsSpace(chars[chars.Count - 1 - trailing]))
                trailing++;
            if (leading == 0 && trailing == 0)
                continue;
            encoding.CharOffsetList[i] = Trim(encoding.CharOffsetList[i], i, leading, trailing, addPrefixSpace);
            encoding.ByteOffsetList[i] = Trim(encoding.ByteOffsetList[i], i, leading, trailing, addPrefixSpace);
        }
    }

    private static (int, int) Trim((int Start, int End) offsets, int index, int leading, int trailing, bool addPrefixSpace)
    {
        (int start, int end) = offsets;
        if (leading > 0)
        {
            bool isFirst = index == 0 || start == 0;
            if (isFirst && addPrefixSpace && leading == 1)
                leading = 0;
            start = Math.Min(start + leading, end);
        }
        if (trailing > 0 && end >= trailing)
            end = Math.Max(end - trailing, start);
        return (start, end);
    }

    private static bool IsSpace(Rune c) => c.Value == s_space || Rune.IsWhiteSpace(c);

    public void WriteJson(Utf8JsonWriter writer) => ByteLevelJson.Write(writer, addPrefixSpace, trimOffsets, useRegex);
}
