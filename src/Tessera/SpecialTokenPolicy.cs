namespace Tessera;

/// <summary>
/// What to do with special-token text (such as <c>&lt;|endoftext|&gt;</c>) found in the input, as tiktoken's
/// <c>allowed_special</c> and <c>disallowed_special</c> do.
/// </summary>
/// <remarks>
/// The default, <see cref="Error"/>, raises <see cref="SpecialTokenException"/> on any special token, as tiktoken's
/// <c>encode</c> does. Tokens listed as allowed are emitted as their special id; the others raise, unless the policy
/// was made with <c>otherwiseOrdinary: true</c>, in which case they are encoded as plain text.
/// </remarks>
public sealed class SpecialTokenPolicy
{
    private readonly HashSet<string>? _allowed; // null: all allowed

    private SpecialTokenPolicy(HashSet<string>? allowed, bool allowAll, bool otherwiseOrdinary)
    {
        _allowed = allowed;
        AllowsAll = allowAll;
        OtherwiseOrdinary = otherwiseOrdinary;
    }

    /// <summary>Raise on any special-token text (tiktoken's default).</summary>
    public static SpecialTokenPolicy Error { get; } = new([], allowAll: false, otherwiseOrdinary: false);

    /// <summary>Recognise every special token of the encoding (tiktoken's <c>allowed_special="all"</c>).</summary>
    public static SpecialTokenPolicy AllowAll { get; } = new(null, allowAll: true, otherwiseOrdinary: false);

    /// <summary>Encode special-token text as ordinary text (tiktoken's <c>encode_ordinary</c>).</summary>
    public static SpecialTokenPolicy Ordinary { get; } = new([], allowAll: false, otherwiseOrdinary: true);

    /// <summary>Recognise the given special tokens; raise on the others.</summary>
    public static SpecialTokenPolicy Allow(params string[] tokens) => Allow(tokens, otherwiseOrdinary: false);

    /// <summary>Recognise the given special tokens; the others raise, or are plain text when <paramref name="otherwiseOrdinary"/>.</summary>
    public static SpecialTokenPolicy Allow(IEnumerable<string> tokens, bool otherwiseOrdinary)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new SpecialTokenPolicy(new HashSet<string>(tokens, StringComparer.Ordinal), allowAll: false, otherwiseOrdinary);
    }

    /// <summary>Whether every special token is recognised.</summary>
    public bool AllowsAll { get; }

    /// <summary>Whether special tokens that are not allowed are encoded as plain text rather than raising.</summary>
    public bool OtherwiseOrdinary { get; }

    /// <summary>Whether <paramref name="token"/> is emitted as its special id.</summary>
    public bool IsAllowed(string token) => _allowed is null || _allowed.Contains(token);

    /// <summary>Whether no special token is ever recognised or rejected: all text is ordinary.</summary>
    internal bool IsAllOrdinary => OtherwiseOrdinary && _allowed is { Count: 0 };
}
