namespace Tessera.Text;

/// <summary>
/// Text cut into pieces on the way to the model (Hugging Face's <c>PreTokenizedString</c>): each split is a slice of
/// normalized text, or a piece already turned into tokens (an added token), which later stages leave alone.
/// </summary>
internal sealed class PreTokenizedString
{
    private List<PreTokenSplit> _splits;

    public PreTokenizedString(NormalizedString text) => _splits = [new PreTokenSplit(text, null)];

    public PreTokenizedString(List<PreTokenSplit> splits) => _splits = splits;

    /// <summary>The splits in order.</summary>
    public IReadOnlyList<PreTokenSplit> Splits => _splits;

    /// <summary>
    /// Replaces each split not yet tokenized by the pieces <paramref name="split"/> cuts it into (given the split's
    /// index among all splits); empty pieces are dropped.
    /// </summary>
    public void Split(Func<int, NormalizedString, IEnumerable<NormalizedString>> split) =>
        SplitWithTokens((i, text) => split(i, text).Select(piece => new PreTokenSplit(piece, null)));

    /// <summary>As <see cref="Split"/>, where a piece may come already tokenized (an added token).</summary>
    public void SplitWithTokens(Func<int, NormalizedString, IEnumerable<PreTokenSplit>> split)
    {
        var result = new List<PreTokenSplit>(_splits.Count);
        for (int i = 0; i < _splits.Count; i++)
        {
            PreTokenSplit current = _splits[i];
            if (current.Tokens is not null)
            {
                result.Add(current);
                continue;
            }
            foreach (PreTokenSplit piece in split(i, current.Text))
                if (!piece.Text.IsEmpty)
                    result.Add(piece);
        }
        _splits = result;
    }

    /// <summary>Rewrites the text of each split not yet tokenized.</summary>
    public void Normalize(Action<NormalizedString> normalize)
    {
        foreach (PreTokenSplit split in _splits)
            if (split.Tokens is null)
                normalize(split.Text);
    }

    /// <summary>Turns each split not yet tokenized into tokens.</summary>
    public void Tokenize(Func<NormalizedString, List<Models.Token>> tokenize)
    {
        for (int i = 0; i < _splits.Count; i++)
            if (_splits[i].Tokens is null)
                _splits[i] = _splits[i] with { Tokens = tokenize(_splits[i].Text) };
    }
}

/// <summary>A slice of text and, once known, its tokens (offsets within the slice's normalized bytes).</summary>
internal sealed record PreTokenSplit(NormalizedString Text, List<Models.Token>? Tokens);
