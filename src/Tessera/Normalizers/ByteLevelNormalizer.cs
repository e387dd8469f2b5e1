using System.Text.Json;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Spells every byte of the text as its GPT-2 byte-level character (Hugging Face's <c>ByteLevel</c> normalizer,
/// <see cref="ByteLevelAlphabet"/>): a character of n bytes becomes n characters, all aligned with it.
/// </summary>
internal sealed class ByteLevelNormalizer : INormalizer
{
    public void Normalize(NormalizedString text)
    {
        ReadOnlySpan<byte> normalized = text.Normalized;
        var changes = new ChangeList(normalized.Length);
        for (int i = 0; i < normalized.Length;)
        {
            int length = Utf8Chars.LengthAt(normalized, i);
            changes.Keep(length == 1 ? normalized[i] : -1, ByteLevelAlphabet.CharOf(normalized[i]));
            for (int b = 1; b < length; b++)
                changes.Insert(ByteLevelAlphabet.CharOf(normalized[i + b]));
            i += length;
        }
        changes.ApplyTo(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "ByteLevel");
        writer.WriteEndObject();
    }
}
