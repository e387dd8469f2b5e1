namespace Tessera;

/// <summary>
/// The text contains a special token (such as <c>&lt;|endoftext|&gt;</c>) that the special-token policy does not allow:
/// tiktoken's guard against prompt injection. Allow it with <see cref="SpecialTokenPolicy.Allow(string[])"/>, or
/// encode it as plain text with <see cref="SpecialTokenPolicy.Ordinary"/>.
/// </summary>
public sealed class SpecialTokenException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="token"/> found at <paramref name="index"/>.</summary>
    public SpecialTokenException(string token, int index)
        : base($"The text contains the special token '{token}' at index {index}, which is not allowed. " +
               "Allow it as a special token, or encode it as ordinary text.")
    {
        Token = token;
        Index = index;
    }

    /// <summary>The special token found.</summary>
    public string Token { get; }

    /// <summary>Where it starts: a character index for string input, a byte index for UTF-8 input.</summary>
    public int Index { get; }
}
