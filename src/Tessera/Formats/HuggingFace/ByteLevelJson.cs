using System.Text.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// The one form Hugging Face writes its ByteLevel component in, whichever stage it serves (pre-tokenizer,
/// post-processor, decoder: one struct in Hugging Face).
/// </summary>
internal static class ByteLevelJson
{
    public static void Write(Utf8JsonWriter writer, bool addPrefixSpace, bool trimOffsets, bool useRegex)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "ByteLevel");
        writer.WriteBoolean("add_prefix_space", addPrefixSpace);
        writer.WriteBoolean("trim_offsets", trimOffsets);
        writer.WriteBoolean("use_regex", useRegex);
        writer.WriteEndObject();
    }
}
