namespace Tessera;

/// <summary>
/// A token matched in the text before the model sees it (Hugging Face's <c>AddedToken</c>).
/// </summary>
/// <param name="Content">The text of the token.</param>
/// <param name="Special">A special token (<c>&lt;s&gt;</c>, <c>&lt;|endoftext|&gt;</c>): skipped when decoding without special tokens, and not matched in the text under <see cref="SpecialTokenPolicy.Ordinary"/>.</param>
/// <param name="SingleWord">Matched only when no word character touches it on either side.</param>
/// <param name="LStrip">Takes the whitespace before it.</param>
/// <param name="RStrip">Takes the whitespace after it.</param>
/// <param name="Normalized">Matched in the normalized text rather than the raw text.</param>
public sealed record AddedToken(string Content, bool Special = false, bool SingleWord = false, bool LStrip = false, bool RStrip = false, bool? Normalized = null)
{
    /// <summary>Whether it is matched in normalized text; by default, non-special tokens are.</summary>
    public bool IsNormalized => Normalized ?? !Special;
}
