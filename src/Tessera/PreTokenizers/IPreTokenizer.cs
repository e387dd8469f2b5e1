using System.Text.Json;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>Cuts normalized text into pieces the model encodes separately (Hugging Face's <c>PreTokenizer</c>). Immutable.</summary>
internal interface IPreTokenizer
{
    /// <summary>Splits (and may rewrite) the splits of <paramref name="text"/> not yet tokenized.</summary>
    void PreTokenize(PreTokenizedString text);

    /// <summary>Writes the pre-tokenizer as a tokenizer.json object (with its <c>"type"</c>).</summary>
    void WriteJson(Utf8JsonWriter writer);
}
