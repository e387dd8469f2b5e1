using System.Text.Json;
using Tessera.Formats.HuggingFace;

namespace Tessera.PostProcessors;

/// <summary>
/// RoBERTa's post-processor: <c>&lt;s&gt; A &lt;/s&gt;</c> and <c>&lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;</c>,
/// every type id 0; with <c>trim_offsets</c> the offsets leave out the spaces a token starts or ends with
/// (<see cref="ByteLevelPostProcessor.TrimOffsets"/>).
/// </summary>
internal sealed class RobertaPostProcessor((string Token, int Id) sep, (string Token, int Id) cls, bool trimOffsets, bool addPrefixSpace) : IPostProcessor
{
    /// <summary>
    /// Reads <c>{"sep", "cls", "trim_offsets", "add_prefix_space"}</c>, all four required: Hugging Face reads an object
    /// without the last two as BERT's, whatever its <c>"type"</c>.
    /// </summary>
    public static RobertaPostProcessor FromJson(JsonObject json) => new(
        BertPostProcessor.ReadToken(json, "sep"), BertPostProcessor.ReadToken(json, "cls"),
        json.RequiredBool("trim_offsets"), json.RequiredBool("add_prefix_space"));

    public int AddedTokens(bool isPair) => isPair ? 4 : 2;

    public List<TokenEncoding> ProcessEncodings(List<TokenEncoding> encodings, bool addSpecialTokens)
    {
        if (trimOffsets)
        {
            foreach (TokenEncoding encoding in encodings)
            {
                ByteLevelPostProcessor.TrimOffsets(encoding, addPrefixSpace);
                foreach (TokenEncoding part in encoding.Overflowing)
                    ByteLevelPostProcessor.TrimOffsets(part, addPrefixSpace);
            }
        }
        foreach (TokenEncoding encoding in encodings)
            encoding.SetTypeIds(0);
        if (!addSpecialTokens)
            return encodings;
        return PostProcessing.WrapEach(encodings, Wrap);
    }

    private TokenEncoding Wrap(TokenEncoding encoding, int index)
    {
        var end = new AddedSpecial(sep.Token, sep.Id, 0);
        return index == 0
            ? TokenEncoding.Wrap(encoding, new AddedSpecial(cls.Token, cls.Id, 0), end, null, 0)
            : TokenEncoding.Wrap(encoding, end, end, 0, 1);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "RobertaProcessing");
        BertPostProcessor.WriteToken(writer, "sep", sep);
        BertPostProcessor.WriteToken(writer, "cls", cls);
        writer.WriteBoolean("trim_offsets", trimOffsets);
        writer.WriteBoolean("add_prefix_space", addPrefixSpace);
        writer.WriteEndObject();
    }
}
