namespace Tessera.PostProcessors;

/// <summary>Hugging Face's post-processing step around a post-processor (<c>PostProcessor::process</c>, <c>default_process</c>).</summary>
internal static class PostProcessing
{
    /// <summary>
    /// The final encoding of <paramref name="first"/> and the optional <paramref name="second"/>. With a
    /// post-processor, input i is recorded as sequence i (its overflowing parts too) and given type id i before the
    /// post-processor runs, and its encodings are merged. Without one, a single input is returned as it is and a pair
    /// is merged, each recorded as its sequence.
    /// </summary>
    public static TokenEncoding Process(IPostProcessor? processor, TokenEncoding first, TokenEncoding? second, bool addSpecialTokens)
    {
        List<TokenEncoding> encodings = second is null ? [first] : [first, second];
        if (processor is null)
        {
            if (second is null)
                return first;
            var merged = new TokenEncoding();
            for (int i = 0; i < encodings.Count; i++)
            {
                encodings[i].SetSequenceId(i);
                merged.MergeWith(encodings[i]);
            }
            return merged;
        }
        for (int i = 0; i < encodings.Count; i++)
        {
            encodings[i].SetSequenceId(i);
            foreach (TokenEncoding part in encodings[i].Overflowing)
                part.SetSequenceId(i);
            encodings[i].SetTypeIds(i);
        }
        return TokenEncoding.Merge(processor.ProcessEncodings(encodings, addSpecialTokens));
    }

    /// <summary>
    /// Each sequence with special tokens around it (<paramref name="wrap"/> given the sequence's index), and its
    /// overflowing parts wrapped the same way (BERT's and RoBERTa's processing).
    /// </summary>
    public static List<TokenEncoding> WrapEach(List<TokenEncoding> encodings, Func<TokenEncoding, int, TokenEncoding> wrap)
    {
        var result = new List<TokenEncoding>(encodings.Count);
        for (int i = 0; i < encodings.Count; i++)
        {
            TokenEncoding encoding = encodings[i];
            TokenEncoding processed = wrap(encoding, i);
            foreach (TokenEncoding part in encoding.TakeOverflowing())
                processed.OverflowingList.Add(wrap(part, i));
            result.Add(processed);
        }
        return result;
    }
}
