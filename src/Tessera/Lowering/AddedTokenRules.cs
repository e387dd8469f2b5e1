using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>What the lowered loops assume of added tokens: each is cut out of the text as it is written.</summary>
internal static class AddedTokenRules
{
    /// <summary>
    /// Whether no added token takes white space around it or must stand as a word (<c>lstrip</c>, <c>rstrip</c>,
    /// <c>single_word</c>), and, unless <paramref name="normalizedAllowed"/>, none is matched in normalized text.
    /// </summary>
    public static bool CutAsWritten(AddedVocabulary added, bool normalizedAllowed = false)
    {
        foreach ((AddedToken token, _) in added.Tokens)
            if ((token.IsNormalized && !normalizedAllowed) || token.LStrip || token.RStrip || token.SingleWord)
                return false;
        return true;
    }
}
