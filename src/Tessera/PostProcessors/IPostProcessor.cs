using System.Text.Json;

namespace Tessera.PostProcessors;

/// <summary>
/// Adds special tokens and type ids around encoded sequences (Hugging Face's <c>PostProcessor</c>), and may adjust
/// offsets (ByteLevel's <c>trim_offsets</c>). <see cref="PostProcessing.Process"/> runs it as Hugging Face does.
/// </summary>
internal interface IPostProcessor
{
    /// <summary>How many tokens the post-processor adds to a single sequence or to a pair.</summary>
    int AddedTokens(bool isPair);

    /// <summary>
    /// Processes the encodings of the inputs (one or two, each already given its type id and input range; more when an
    /// earlier post-processor of a sequence split them) into encodings that are then merged in order. Special tokens are
    /// added only when <paramref name="addSpecialTokens"/>.
    /// </summary>
    List<TokenEncoding> ProcessEncodings(List<TokenEncoding> encodings, bool addSpecialTokens);

    /// <summary>Writes the post-processor as a tokenizer.json object (with its <c>"type"</c>).</summary>
    void WriteJson(Utf8JsonWriter writer);
}
