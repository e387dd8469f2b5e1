using System.Text;
using Tessera.Models;
using Tessera.PreTokenizers.Regex;

namespace Tessera.Text;

/// <summary>
/// The added tokens of a tokenizer and how they are found in text (Hugging Face's <c>AddedVocabulary</c>): tokens not
/// normalized are cut out of the raw text first, then the rest is normalized and the normalized tokens cut out of it;
/// each search is leftmost-longest, and a match skipped (a special token not matched, a <c>single_word</c> token inside
/// a word) does not let a shorter or later overlapping token match instead.
/// </summary>
internal sealed class AddedVocabulary
{
    private static readonly Lazy<CodePointRegex> s_word = new(() => CodePointRegex.Parse(@"\w"));
    private static readonly Lazy<CodePointRegex> s_space = new(() => CodePointRegex.Parse(@"\s"));

    private readonly List<(AddedToken Token, int Id)> _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<int, AddedToken> _byId;
    private readonly TokenTrie _raw = new();
    private readonly TokenTrie _normalized = new();
    private readonly bool _rawHasOrdinary; // a token matched in raw text that is not special

    /// <summary>Numbers <paramref name="tokens"/> as Hugging Face's loader does: a token the model or an earlier added token has keeps that id; any other gets the next id after the vocabulary.</summary>
    public AddedVocabulary(IEnumerable<AddedToken> tokens, IModel model, Normalizers.INormalizer? normalizer)
        : this(tokens, model.VocabularySize, model.TokenToId, normalizer)
    {
    }

    /// <summary>
    /// The same numbering, with the model given as what it is asked: its <paramref name="vocabularySize"/> and its
    /// token lookup <paramref name="modelIdOf"/> (a load builds the added vocabulary ahead from the model's vocabulary
    /// alone, before the model is made: <see cref="Formats.HuggingFace.PartsAhead"/>).
    /// </summary>
    public AddedVocabulary(IEnumerable<AddedToken> tokens, int vocabularySize, Func<string, int?> modelIdOf, Normalizers.INormalizer? normalizer)
    {
        int expected = tokens.TryGetNonEnumeratedCount(out int count) ? count : 0;
        _tokens = new(expected);
        _ids = new(expected, StringComparer.Ordinal);
        _byId = new(expected);
        foreach (AddedToken token in tokens)
        {
            int id;
            if (_ids.TryGetValue(token.Content, out int existing))
                id = existing;
            else if (modelIdOf(token.Content) is int modelId)
                id = modelId;
            else
                id = MaxId >= vocabularySize || (MaxId >= 0 && vocabularySize == 0) ? MaxId + 1 : vocabularySize;
            if (token.Content.Length == 0)
                continue;
            _tokens.Add((token, id));
            _ids[token.Content] = id;
            _byId[id] = token;
            MaxId = Math.Max(MaxId, id);
        }
        byte[] utf8 = [];
        foreach ((AddedToken token, int id) in _tokens)
        {
            if (!token.IsNormalized)
            {
                _raw.Add(Utf8Buffer.Encode(token.Content, ref utf8), id);
                _rawHasOrdinary |= !token.Special;
                continue;
            }
            var text = new NormalizedString(token.Content);
            normalizer?.Normalize(text);
            _normalized.Add(text.Normalized, id);
        }
    }

    /// <summary>The added tokens with their ids, in the order given.</summary>
    public IReadOnlyList<(AddedToken Token, int Id)> Tokens => _tokens;

    public int? TokenToId(string content) => _ids.TryGetValue(content, out int id) ? id : null;

    public AddedToken? TokenOf(int id) => _byId.GetValueOrDefault(id);

    public bool IsSpecial(int id) => _byId.TryGetValue(id, out AddedToken? token) && token.Special;

    /// <summary>The largest id of an added token, or -1.</summary>
    public int MaxId { get; private set; } = -1;

    /// <summary>
    /// The text split into added tokens and normalized pieces. When <paramref name="matchSpecial"/> is false special
    /// tokens are not matched (Hugging Face's <c>split_special_tokens</c>).
    /// </summary>
    public PreTokenizedString ExtractAndNormalize(string text, Normalizers.INormalizer? normalizer, bool matchSpecial)
    {
        var result = new PreTokenizedString(new NormalizedString(text));
        result.SplitWithTokens((_, piece) => SplitOn(piece, _raw, matchSpecial));
        result.SplitWithTokens((_, piece) =>
        {
            normalizer?.Normalize(piece);
            return SplitOn(piece, _normalized, matchSpecial);
        });
        return result;
    }

    private IEnumerable<PreTokenSplit> SplitOn(NormalizedString text, TokenTrie trie, bool matchSpecial)
    {
        var splits = new List<PreTokenSplit>();
        foreach ((int id, int start, int end) in FindMatches(text.Normalized, trie, matchSpecial))
        {
            NormalizedString slice = text.Slice(start, end);
            splits.Add(new PreTokenSplit(slice, id >= 0 ? [new Token(id, 0, slice.Length)] : null));
        }
        return splits;
    }

    /// <summary>
    /// The raw text cut at the tokens that are matched before normalization: (id, start, end) per piece, id -1 for
    /// text between tokens.
    /// </summary>
    public List<AddedTokenSplit> FindRawMatches(ReadOnlySpan<byte> text, bool matchSpecial) =>
        FindMatches(text, _raw, matchSpecial);

    /// <summary>
    /// Normalized text cut at the tokens that are matched after normalization: (id, start, end) per piece, id -1 for
    /// text between tokens.
    /// </summary>
    public List<AddedTokenSplit> FindNormalizedMatches(ReadOnlySpan<byte> text, bool matchSpecial) =>
        FindMatches(text, _normalized, matchSpecial);

    /// <summary>
    /// Whether <see cref="FindRawMatches"/> could find a token in <paramref name="text"/>: false when none can start in
    /// it, or every token that could is special and special tokens are not matched. A quick test before the search,
    /// which makes a list.
    /// </summary>
    public bool MayMatchRaw(ReadOnlySpan<byte> text, bool matchSpecial) =>
        !_raw.IsEmpty && (matchSpecial || _rawHasOrdinary) && _raw.NextCandidate(text, 0) >= 0;

    /// <summary>Whether any token is matched in normalized text.</summary>
    public bool HasNormalizedTokens => !_normalized.IsEmpty;

    private List<AddedTokenSplit> FindMatches(ReadOnlySpan<byte> text, TokenTrie trie, bool matchSpecial)
    {
        var splits = new List<AddedTokenSplit>();
        if (text.IsEmpty || trie.IsEmpty)
        {
            splits.Add(new(-1, 0, text.Length));
            return splits;
        }
        int done = 0;
        for (int at = 0; at < text.Length;)
        {
            at = trie.NextCandidate(text, at);
            if (at < 0)
                break;
            int length = trie.LongestAt(text, at, out int id);
            if (length <= 0)
            {
                at++;
                continue;
            }
            int start = at, stop = at + length;
            at = stop;
            AddedToken token = _byId[id];
            if (!matchSpecial && token.Special)
                continue;
            if (token.SingleWord && (EndsWithWord(text[..start]) || StartsWithWord(text[stop..])))
                continue;
            if (token.LStrip)
                start = Math.Max(StartOfTrailingSpace(text[..start]), done);
            if (token.RStrip)
                stop += LengthOfLeadingSpace(text[stop..]);
            if (done < start)
                splits.Add(new(-1, done, start));
            splits.Add(new(id, start, stop));
            done = stop;
            at = Math.Max(at, stop);
        }
        if (done != text.Length)
            splits.Add(new(-1, done, text.Length));
        return splits;
    }

    private static bool EndsWithWord(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && s_word.Value.TryMatch(text, CodePoints.Previous(text, text.Length, 0), out _, out int end) && end == text.Length;

    private static bool StartsWithWord(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && s_word.Value.TryMatch(text[..CodePoints.Length(text, 0)], 0, out int start, out _) && start == 0;

    private static int StartOfTrailingSpace(ReadOnlySpan<byte> text)
    {
        int end = text.Length;
        while (end > 0)
        {
            int previous = CodePoints.Previous(text, end, 0);
            if (!IsSpace(text[previous..end]))
                break;
            end = previous;
        }
        return end;
    }

    private static int LengthOfLeadingSpace(ReadOnlySpan<byte> text)
    {
        int at = 0;
        while (at < text.Length)
        {
            int length = CodePoints.Length(text, at);
            if (!IsSpace(text.Slice(at, length)))
                break;
            at += length;
        }
        return at;
    }

    private static bool IsSpace(ReadOnlySpan<byte> codePoint) =>
        s_space.Value.TryMatch(codePoint, 0, out int start, out int end) && start == 0 && end == codePoint.Length;
}
