namespace Tessera;

/// <summary>
/// Decodes ids fed one at a time (Hugging Face's <c>DecodeStream</c>), for text generation: <see cref="Step(int)"/>
/// returns the new text as soon as the ids so far decode to complete characters, or null while they do not (a character
/// split over byte tokens, or a token that adds no text yet).
/// </summary>
/// <remarks>
/// The stream decodes a short window of recent ids and returns what the window's text adds past the text of its
/// first part (the prefix), so decoders that look at neighbouring tokens (a space dropped at the start, bytes joined
/// into a character) give the same text as decoding everything at once. A stream keeps state: use one per sequence,
/// from one thread.
/// </remarks>
public sealed class DecodeStream
{
    private const char Replacement = '\uFFFD';

    private readonly Tokenizer _tokenizer;
    private readonly bool _skipSpecialTokens;
    private readonly List<int> _ids = [];
    private string _prefix = "";
    private int _prefixIndex;

    internal DecodeStream(Tokenizer tokenizer, bool skipSpecialTokens)
    {
        _tokenizer = tokenizer;
        _skipSpecialTokens = skipSpecialTokens;
    }

    /// <summary>Feeds one id; returns the text it completes, or null if there is none yet.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The decoder changed text already returned (Hugging Face's <c>InvalidPrefix</c>).</exception>
    public string? Step(int id) => Step([id]);

    /// <summary>
    /// Feeds several ids at once (a prompt, say); returns the text they complete, or null. Text of ids fed before the
    /// stream first returned text is included.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is negative.</exception>
    /// <exception cref="InvalidOperationException">The decoder changed text already returned (Hugging Face's <c>InvalidPrefix</c>).</exception>
    public string? Step(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (_prefix.Length == 0 && _ids.Count > 0)
        {
            string prefix = Decode();
            if (!prefix.EndsWith(Replacement))
            {
                _prefix = prefix;
                _prefixIndex = _ids.Count;
            }
        }
        foreach (int id in ids)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id, nameof(ids));
            _ids.Add(id);
        }
        string text = Decode();
        if (Utf8Length(text) <= Utf8Length(_prefix) || text.EndsWith(Replacement))
            return null;
        if (!text.StartsWith(_prefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"Streaming decode: the text so far, \"{_prefix}\", is not a prefix of the text with id {_ids[^1]}, \"{text}\".");
        string added = text[_prefix.Length..];
        int prefixIndex = _ids.Count - _prefixIndex;
        _ids.RemoveRange(0, _prefixIndex);
        _prefix = Decode();
        _prefixIndex = prefixIndex;
        return added;
    }

    private string Decode() => _tokenizer.Pipeline.Decode(_ids, _skipSpecialTokens);

    private static int Utf8Length(string text) => System.Text.Encoding.UTF8.GetByteCount(text);
}
