using System.Text.Json;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>Applies pre-tokenizers one after another.</summary>
internal sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> preTokenizers) : IPreTokenizer
{
    public IReadOnlyList<IPreTokenizer> PreTokenizers { get; } = preTokenizers;

    public void PreTokenize(PreTokenizedString text)
    {
        foreach (IPreTokenizer preTokenizer in PreTokenizers)
            preTokenizer.PreTokenize(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("pretokenizers");
        foreach (IPreTokenizer preTokenizer in PreTokenizers)
            preTokenizer.WriteJson(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
