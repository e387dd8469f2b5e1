namespace Tessera.Training.Unigram;

/// <summary>
/// Which strings may become pieces, as spm_train decides (<c>IsValidSentencePiece</c>): at most
/// <see cref="UnigramTrainerOptions.MaxPieceLength"/> characters, no unknown character, "▁" only in front, one Unicode
/// script (Inherited marks take the script before them; Hiragana, Katakana and U+30FC count as Han; with
/// <see cref="UnigramTrainerOptions.SplitByNumber"/> off, ASCII digits go with any script), and with
/// <see cref="UnigramTrainerOptions.SplitDigits"/> a digit only alone.
/// </summary>
internal sealed class PieceRules(UnigramTrainerOptions options)
{
    private const int AnyScript = -1;

    /// <summary>Whether the characters <paramref name="codePoints"/> may be a piece.</summary>
    public bool IsValid(ReadOnlySpan<int> codePoints)
    {
        if (codePoints.IsEmpty || codePoints.Length > options.MaxPieceLength)
            return false;
        int previous = AnyScript;
        for (int at = 0; at < codePoints.Length; at++)
        {
            int c = codePoints[at];
            if (c is SentencePieceWordCounter.Unknown or 0 or 0x25A1 or ' ' || c > 0x10FFFF || (c is >= 0xD800 and <= 0xDFFF))
                return false;
            if (c == SentencePieceWordCounter.Space)
            {
                if (at > 0)
                    return false;
                continue;
            }
            bool digit = c is >= '0' and <= '9';
            if (digit && options.SplitDigits && codePoints.Length > 1)
                return false;
            int script = ScriptOf(c, previous);
            if (!options.SplitByNumber && digit)
                script = AnyScript;
            if (options.SplitByUnicodeScript && script != AnyScript && previous != AnyScript && script != previous)
                return false;
            previous = script;
        }
        return true;
    }

    private static int ScriptOf(int c, int previous)
    {
        int script = UnicodeScripts.Of(c);
        return script switch
        {
            UnicodeScripts.Hiragana or UnicodeScripts.Katakana => UnicodeScripts.Han,
            UnicodeScripts.Inherited => previous,
            _ => c == 0x30FC ? UnicodeScripts.Han : script,
        };
    }
}
