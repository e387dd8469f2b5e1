using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Internal;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>Replaces every match of a literal or a regular expression by a string.</summary>
internal sealed class ReplaceNormalizer(PatternSource pattern, string content) : INormalizer, IBytesNormalizer
{
    private readonly Pattern _pattern = pattern.Compile();
    private readonly byte[] _content = Encoding.UTF8.GetBytes(content);

    public PatternSource Pattern => pattern;
    public string Content => content;

    public static ReplaceNormalizer FromJson(JsonObject json) =>
        new(PatternJson.Read(json, "pattern").Source, json.String("content"));

    public void Normalize(NormalizedString text) => text.Replace(_pattern, content);

    public void NormalizeBytes(ReadOnlySpan<byte> text, ByteWriter output)
    {
        foreach ((int start, int end, bool isMatch) in _pattern.FindMatches(text))
            output.Write(isMatch ? _content : text[start..end]);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Replace");
        PatternJson.Write(writer, "pattern", pattern);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
