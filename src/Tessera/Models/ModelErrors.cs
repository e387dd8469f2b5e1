using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Tessera.Models;

/// <summary>Throws the errors Hugging Face's models return while encoding, from hot paths without inlining them.</summary>
[StackTraceHidden]
internal static class ModelErrors
{
    /// <summary>
    /// A piece needs the unknown token but the vocabulary has none (Hugging Face's <c>MissingUnkToken</c> /
    /// <c>MissingUnkId</c>: the whole encode fails there too).
    /// </summary>
    [DoesNotReturn]
    public static void ThrowMissingUnknown(string model, string? unkToken) =>
        throw new TokenizationException(unkToken is null
            ? $"{model}: the text has a character no piece covers and the model has no unknown token (unk_id is null)"
            : $"{model}: the unknown token '{unkToken}' is not in the vocabulary, so a piece it does not cover cannot be encoded");
}
