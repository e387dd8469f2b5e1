using Tessera.PostProcessors;

namespace Tessera;

internal sealed partial class TokenizerPipeline
{
    /// <summary>
    /// Hugging Face's <c>post_process</c>: truncation (to the maximum length less the tokens the post-processor will
    /// add), the post-processor, then padding of this encoding alone.
    /// </summary>
    public TokenEncoding PostProcess(TokenEncoding first, TokenEncoding? second, bool addSpecialTokens)
    {
        if (Truncation is { } truncation)
        {
            int added = addSpecialTokens ? PostProcessor?.AddedTokens(second is not null) ?? 0 : 0;
            // Hugging Face subtracts in unsigned arithmetic: a maximum below the added tokens wraps and cuts nothing.
            if (truncation.MaxLength >= added)
                truncation.Apply(first, second, truncation.MaxLength - added);
        }
        TokenEncoding result = PostProcessing.Process(PostProcessor, first, second, addSpecialTokens);
        Padding?.Apply([result]);
        return result;
    }

    /// <summary>Encodes every input (a text or a pair), then pads them all together (Hugging Face's <c>encode_batch</c>).</summary>
    public List<TokenEncoding> EncodeBatch(IReadOnlyList<(string Text, string? Pair)> inputs, bool addSpecialTokens, bool matchSpecialTokens)
    {
        var encodings = new List<TokenEncoding>(inputs.Count);
        foreach ((string text, string? pair) in inputs)
            encodings.Add(Encode(text, pair, addSpecialTokens, matchSpecialTokens));
        Padding?.Apply(encodings);
        return encodings;
    }

    /// <summary>
    /// Hugging Face's <c>Tokenizer::decode</c>: each id's string from the added tokens, else from the model (ids that
    /// have none are skipped), special added tokens left out when <paramref name="skipSpecialTokens"/>; then the
    /// decoder's strings concatenated, or without a decoder the tokens joined by spaces.
    /// </summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens)
    {
        var tokens = new List<string>();
        foreach (int id in ids)
        {
            if (id < 0)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} is negative.");
            string? token = AddedVocabulary.TokenOf(id)?.Content ?? Model.IdToToken(id);
            if (token is null || (skipSpecialTokens && IsSpecialToken(token)))
                continue;
            tokens.Add(token);
        }
        return Decoder is null ? string.Join(' ', tokens) : string.Concat(Decoder.DecodeChain(tokens));
    }

    /// <summary>Whether <paramref name="token"/> is the content of a special added token.</summary>
    private bool IsSpecialToken(string token) => AddedVocabulary.TokenToId(token) is int id && AddedVocabulary.IsSpecial(id);

    /// <summary>The same components with other truncation and padding settings.</summary>
    public TokenizerPipeline With(TruncationSettings? truncation, PaddingSettings? padding) => new()
    {
        Model = Model,
        Normalizer = Normalizer,
        PreTokenizer = PreTokenizer,
        PostProcessor = PostProcessor,
        Decoder = Decoder,
        AddedVocabulary = AddedVocabulary,
        Truncation = truncation,
        Padding = padding,
    };
}
