using Tessera.PostProcessors;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads tokenizer.json's <c>"post_processor"</c> objects. Hugging Face reads them by their fields, trying RoBERTa's,
/// BERT's, ByteLevel's, the template's and Sequence's in this order; only ByteLevel and Sequence check their
/// <c>"type"</c>. So <c>{"type": "RobertaProcessing", "sep", "cls"}</c> without <c>trim_offsets</c> and
/// <c>add_prefix_space</c> is BERT's post-processor, and this reader does the same.
/// </summary>
internal static class PostProcessorJson
{
    private static readonly (string Type, Func<JsonObject, IPostProcessor> Read)[] s_readers =
    [
        ("RobertaProcessing", RobertaPostProcessor.FromJson),
        ("BertProcessing", BertPostProcessor.FromJson),
        ("ByteLevel", ByteLevelPostProcessor.FromJson),
        ("TemplateProcessing", TemplatePostProcessor.FromJson),
        ("Sequence", SequencePostProcessor.FromJson),
    ];

    /// <summary>The supported type names.</summary>
    public static IEnumerable<string> Types => s_readers.Select(r => r.Type).Order(StringComparer.Ordinal);

    /// <exception cref="TokenizerFormatException">The object is the named type's but malformed.</exception>
    /// <exception cref="NotSupportedException">The object is none of the supported post-processors.</exception>
    public static IPostProcessor Read(JsonObject json)
    {
        TokenizerFormatException? named = null;
        foreach ((string type, Func<JsonObject, IPostProcessor> read) in s_readers)
        {
            try
            {
                return read(json);
            }
            catch (TokenizerFormatException e)
            {
                if (type == json.Type)
                    named = e;
            }
        }
        throw named ?? (Exception)json.Unsupported("post-processor", json.Type, Types);
    }
}
