using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Formats.Json;

namespace Tessera.PostProcessors;

/// <summary>
/// BERT's post-processor: <c>[CLS] A [SEP]</c> and <c>[CLS] A [SEP] B [SEP]</c>, with type id 0 up to the first
/// [SEP] and 1 after it.
/// </summary>
internal sealed class BertPostProcessor((string Token, int Id) sep, (string Token, int Id) cls) : IPostProcessor
{
    /// <summary>
    /// Reads <c>{"sep": [token, id], "cls": [token, id]}</c>. Hugging Face does not check the <c>"type"</c> here: any
    /// object with these two fields and not RoBERTa's is read as BERT's.
    /// </summary>
    public static BertPostProcessor FromJson(JsonObject json) => new(ReadToken(json, "sep"), ReadToken(json, "cls"));

    /// <summary>A <c>[token, id]</c> pair.</summary>
    public static (string Token, int Id) ReadToken(JsonObject json, string name)
    {
        JsonNode value = json.Required(name);
        if (value.ValueKind == JsonKind.Array && value.GetArrayLength() == 2
            && value[0].ValueKind == JsonKind.String
            && value[1].ValueKind == JsonKind.Number && value[1].TryGetInt32(out int id) && id >= 0)
            return (value[0].GetString()!, id);
        throw json.ErrorAt(name, "expected [token, id]");
    }

    public static void WriteToken(Utf8JsonWriter writer, string name, (string Token, int Id) token)
    {
        writer.WriteStartArray(name);
        writer.WriteStringValue(token.Token);
        writer.WriteNumberValue(token.Id);
        writer.WriteEndArray();
    }

    public int AddedTokens(bool isPair) => isPair ? 3 : 2;

    public List<TokenEncoding> ProcessEncodings(List<TokenEncoding> encodings, bool addSpecialTokens)
    {
        if (!addSpecialTokens)
            return encodings;
        return PostProcessing.WrapEach(encodings, Wrap);
    }

    private TokenEncoding Wrap(TokenEncoding encoding, int index) => index == 0
        ? TokenEncoding.Wrap(encoding, new AddedSpecial(cls.Token, cls.Id, 0), new AddedSpecial(sep.Token, sep.Id, 0), null, 0)
        : TokenEncoding.Wrap(encoding, null, new AddedSpecial(sep.Token, sep.Id, 1), null, 1);

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "BertProcessing");
        WriteToken(writer, "sep", sep);
        WriteToken(writer, "cls", cls);
        writer.WriteEndObject();
    }
}
