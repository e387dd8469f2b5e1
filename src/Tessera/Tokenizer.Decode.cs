namespace Tessera;

public sealed partial class Tokenizer
{
    /// <summary>
    /// The text of <paramref name="ids"/>, as Hugging Face's <c>Tokenizer::decode</c>: each id becomes its token (added
    /// tokens first, then the model's vocabulary), special added tokens are left out when
    /// <paramref name="skipSpecialTokens"/>, and the decoder turns the tokens into text (without a decoder, the tokens
    /// joined by spaces).
    /// </summary>
    /// <remarks>An id that is neither an added token nor in the vocabulary is skipped, as Hugging Face skips it.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is negative.</exception>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Pipeline.Decode(ids, skipSpecialTokens);
    }

    /// <summary>
    /// A streaming decoder (Hugging Face's <c>DecodeStream</c>): feed ids one at a time and get text as soon as it forms
    /// complete characters; the pieces concatenate to what <see cref="Decode"/> gives for all the ids.
    /// </summary>
    public DecodeStream CreateDecodeStream(bool skipSpecialTokens = true) => new(this, skipSpecialTokens);
}
