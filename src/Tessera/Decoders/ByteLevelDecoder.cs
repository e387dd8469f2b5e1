using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.Decoders;

/// <summary>
/// GPT-2's byte-level decoder: every token written in the <see cref="ByteLevelAlphabet"/> becomes its bytes (a token
/// with any other character keeps its own UTF-8 bytes), and all the bytes are read as UTF-8 with U+FFFD for each
/// maximal invalid sequence (Rust's <c>String::from_utf8_lossy</c>). The result is one string.
/// </summary>
/// <remarks>The pre-tokenizer's and post-processor's options are kept only to write them back.</remarks>
internal sealed class ByteLevelDecoder(bool addPrefixSpace, bool trimOffsets, bool useRegex) : IDecoder
{
    /// <summary>Reads <c>{"type": "ByteLevel", "add_prefix_space", "trim_offsets"[, "use_regex"]}</c>: Hugging Face requires the first two.</summary>
    public static ByteLevelDecoder FromJson(JsonObject json) =>
        new(json.RequiredBool("add_prefix_space"), json.RequiredBool("trim_offsets"), json.Bool("use_regex", true));

    public List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        foreach (string token in tokens)
        {
            int start = bytes.Count;
            bool allMapped = true;
            foreach (Rune rune in token.EnumerateRunes())
            {
                if (!ByteLevelAlphabet.TryByteOf(rune.Value, out byte b))
                {
                    allMapped = false;
                    break;
                }
                bytes.Add(b);
            }
            if (allMapped)
                continue;
            bytes.RemoveRange(start, bytes.Count - start);
            bytes.AddRange(Encoding.UTF8.GetBytes(token));
        }
        return [Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes))];
    }

    public void WriteJson(Utf8JsonWriter writer) => ByteLevelJson.Write(writer, addPrefixSpace, trimOffsets, useRegex);
}
