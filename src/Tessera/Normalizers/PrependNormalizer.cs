using System.Text;
using System.Text.Json;
using Tessera.Internal;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>Puts a string before non-empty text (SentencePiece conversions prepend "▁").</summary>
internal sealed class PrependNormalizer(string prepend) : INormalizer, IBytesNormalizer
{
    private readonly byte[] _prepend = Encoding.UTF8.GetBytes(prepend);

    public string Prepend => prepend;

    public void Normalize(NormalizedString text) => text.Prepend(prepend);

    public void NormalizeBytes(ReadOnlySpan<byte> text, ByteWriter output)
    {
        if (!text.IsEmpty)
            output.Write(_prepend);
        output.Write(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Prepend");
        writer.WriteString("prepend", prepend);
        writer.WriteEndObject();
    }
}
