using System.Text.Json;

namespace Tessera.PostProcessors;

/// <summary>
/// Adds special tokens and type ids around encoded sequences (Hugging Face's <c>PostProcessor</c>), and may adjust
/// offsets (ByteLevel's <c>trim_offsets</c>).
/// </summary>
internal interface IPostProcessor
{
    /// <summary>How many tokens <see cref="Process"/> adds to a single sequence or to a pair.</summary>
    int AddedTokens(bool isPair);

    /// <summary>
    /// The final encoding of <paramref name="first"/> and the optional <paramref name="second"/>: special tokens added
    /// only when <paramref name="addSpecialTokens"/>; the sequences' overflowing parts processed alike.
    /// </summary>
    TokenEncoding Process(TokenEncoding first, TokenEncoding? second, bool addSpecialTokens);

    /// <summary>Writes the post-processor as a tokenizer.json object (with its <c>"type"</c>).</summary>
    void WriteJson(Utf8JsonWriter writer);
}
