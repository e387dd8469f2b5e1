namespace Tessera;

/// <summary>
/// A text the model cannot encode, as the reference implementation refuses it too (Hugging Face's <c>MissingUnkToken</c>
/// and <c>MissingUnkId</c>): a piece that needs the unknown token when the model has none.
/// </summary>
public sealed class TokenizationException : InvalidOperationException
{
    /// <summary>An error with its message.</summary>
    public TokenizationException(string message) : base(message) { }
}
