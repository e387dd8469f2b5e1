using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>Cuts the text into pieces of <see cref="Length"/> characters (the last one may be shorter).</summary>
internal sealed class FixedLengthPreTokenizer : IPreTokenizer
{
    /// <summary>The length Hugging Face uses when the field is absent.</summary>
    public const int DefaultLength = 5;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not positive.</exception>
    public FixedLengthPreTokenizer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
    }

    public int Length { get; }

    /// <remarks>A length of 0 is rejected here; Hugging Face accepts it and fails on the first text it splits.</remarks>
    public static FixedLengthPreTokenizer FromJson(JsonObject json)
    {
        json.RejectNull("length");
        int length = json.OptionalInt("length") ?? DefaultLength;
        return length > 0 ? new(length) : throw json.ErrorAt("length", "expected a length greater than 0");
    }

    public void PreTokenize(PreTokenizedString text) => text.Split((_, piece) => Split(piece));

    private List<NormalizedString> Split(NormalizedString text)
    {
        ReadOnlySpan<byte> bytes = text.Normalized;
        var pieces = new List<NormalizedString>();
        int start = 0, count = 0;
        for (int i = 0; i < bytes.Length;)
        {
            i += Utf8Chars.LengthAt(bytes, i);
            if (++count == Length)
            {
                pieces.Add(text.Slice(start, i));
                start = i;
                count = 0;
            }
        }
        if (start < bytes.Length)
            pieces.Add(text.Slice(start, bytes.Length));
        return pieces;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "FixedLength");
        writer.WriteNumber("length", Length);
        writer.WriteEndObject();
    }
}
