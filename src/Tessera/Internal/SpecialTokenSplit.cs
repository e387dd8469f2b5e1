namespace Tessera.Internal;

/// <summary>
/// Cuts text into segments of ordinary text, each followed by an allowed special token (or by the end), as tiktoken's
/// <c>_encode_native</c> does: a special token the policy does not allow is either plain text or an error.
/// </summary>
internal struct SpecialTokenSplit
{
    private readonly SpecialTokenMatcher _specials;
    private readonly SpecialTokenPolicy _policy;
    private readonly bool _allOrdinary;
    private int _segmentStart;
    private bool _done;

    public SpecialTokenSplit(SpecialTokenMatcher specials, SpecialTokenPolicy policy)
    {
        _specials = specials;
        _policy = policy;
        _allOrdinary = policy.IsAllOrdinary || specials.IsEmpty;
        RejectedAt = -1;
    }

    /// <summary>Byte index of a special token the policy rejects, or -1.</summary>
    public int RejectedAt { get; private set; }

    /// <summary>The rejected special token's text.</summary>
    public string? Rejected { get; private set; }

    /// <summary>
    /// The next segment <c>text[start..end]</c> and the allowed special token that follows it (a match index of the
    /// matcher, or -1 at the end of the text). False when the text is done or a special token was rejected.
    /// </summary>
    public bool Next(ReadOnlySpan<byte> text, out int start, out int end, out int special)
    {
        start = _segmentStart;
        end = text.Length;
        special = -1;
        if (_done)
            return false;
        int searchFrom = _segmentStart;
        while (!_allOrdinary)
        {
            int match = _specials.Find(text, searchFrom, out int at);
            if (match < 0)
                break;
            string token = _specials.TextOf(match);
            if (_policy.IsAllowed(token))
            {
                end = at;
                special = match;
                _segmentStart = at + _specials.LengthOf(match);
                return true;
            }
            if (!_policy.OtherwiseOrdinary)
            {
                RejectedAt = at;
                Rejected = token;
                _done = true;
                return false;
            }
            searchFrom = at + 1;
        }
        _done = true;
        return true;
    }
}
