namespace Tessera;

public sealed partial class Tokenizer
{
    /// <summary>The truncation applied when encoding (tokenizer.json's <c>"truncation"</c>), or null.</summary>
    public TruncationSettings? Truncation => Pipeline.Truncation;

    /// <summary>The padding applied when encoding (tokenizer.json's <c>"padding"</c>), or null.</summary>
    public PaddingSettings? Padding => Pipeline.Padding;

    /// <summary>This tokenizer with other truncation settings (null: none); this one is unchanged.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The stride is not below the length a text is cut to: the maximum length, less the tokens the post-processor adds
    /// to a single text (a length of 0 takes any stride, as everything overflows).
    /// </exception>
    public Tokenizer WithTruncation(TruncationSettings? truncation)
    {
        if (truncation is not null)
        {
            int added = Pipeline.PostProcessor?.AddedTokens(false) ?? 0, effective = truncation.MaxLength - added;
            bool valid = (truncation.MaxLength == 0 || truncation.Stride < truncation.MaxLength) && (effective <= 0 || truncation.Stride < effective);
            if (!valid)
                throw new ArgumentOutOfRangeException(nameof(truncation), truncation.Stride,
                    $"The stride ({truncation.Stride}) must be less than the maximum length ({truncation.MaxLength}) less the {added} tokens the post-processor adds.");
        }
        return new Tokenizer(Pipeline.With(truncation, Pipeline.Padding), Source);
    }

    /// <summary>This tokenizer with other padding settings (null: none); this one is unchanged.</summary>
    public Tokenizer WithPadding(PaddingSettings? padding) => new(Pipeline.With(Pipeline.Truncation, padding), Source);

    /// <summary>
    /// Encodes every text as <see cref="Encode(string, bool, bool)"/> does, then pads them together (with
    /// <see cref="PaddingSettings.Length"/> null, to the longest), as Hugging Face's <c>encode_batch</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of them is null.</exception>
    /// <exception cref="InvalidOperationException">The truncation settings cannot be applied to one of the texts.</exception>
    public IReadOnlyList<TokenEncoding> EncodeBatch(IEnumerable<string> texts, bool addSpecialTokens = true, bool matchSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(texts);
        List<(string, string?)> inputs = [.. texts.Select(t => (t ?? throw new ArgumentNullException(nameof(texts)), (string?)null))];
        return Pipeline.EncodeBatch(inputs, addSpecialTokens, matchSpecialTokens);
    }

    /// <summary>Encodes every pair of texts as <see cref="Encode(string, string, bool, bool)"/> does, then pads them together.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> or one of the texts is null.</exception>
    /// <exception cref="InvalidOperationException">The truncation settings cannot be applied to one of the pairs.</exception>
    public IReadOnlyList<TokenEncoding> EncodeBatch(IEnumerable<(string Text, string Pair)> pairs, bool addSpecialTokens = true, bool matchSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        List<(string, string?)> inputs = [.. pairs.Select(p => (p.Text ?? throw new ArgumentNullException(nameof(pairs)), (string?)(p.Pair ?? throw new ArgumentNullException(nameof(pairs)))))];
        return Pipeline.EncodeBatch(inputs, addSpecialTokens, matchSpecialTokens);
    }
}
