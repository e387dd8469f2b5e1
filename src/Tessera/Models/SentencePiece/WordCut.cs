using Tessera.Formats.SentencePiece;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// Where a normalized text can be cut into words that the unigram and BPE encoders may segment alone with the same
/// result as the whole text: before every "▁" when no piece the encoders can match (NORMAL, USER_DEFINED, UNUSED) has a
/// "▁" anywhere but at its start, so no piece can span such a cut; after every "▁" when "▁" only ends pieces
/// (<c>treat_whitespace_as_suffix</c>); nowhere otherwise.
/// </summary>
internal enum WordCut
{
    None,
    BeforeSpace,
    AfterSpace,
}

internal static class WordCuts
{
    /// <summary>How the texts of <paramref name="vocabulary"/> can be cut.</summary>
    public static WordCut For(SentencePieceVocabulary vocabulary)
    {
        bool notAtStart = false, notAtEnd = false;
        for (int id = 0; id < vocabulary.Count; id++)
        {
            PieceType type = vocabulary.TypeOf(id);
            if (type is not (PieceType.Normal or PieceType.UserDefined or PieceType.Unused))
                continue;
            ReadOnlySpan<byte> piece = vocabulary.Piece(id);
            for (int at = 0; at < piece.Length;)
            {
                int found = piece[at..].IndexOf(Utf8Rules.SpaceSymbol);
                if (found < 0)
                    break;
                notAtStart |= at + found > 0;
                notAtEnd |= at + found + 3 < piece.Length;
                at += found + 3;
            }
            // A user-defined symbol that is not valid UTF-8 could make a character straddle a cut.
            if (type == PieceType.UserDefined && !Utf8Rules.IsValid(piece))
                return WordCut.None;
        }
        return !notAtStart ? WordCut.BeforeSpace : !notAtEnd ? WordCut.AfterSpace : WordCut.None;
    }

    /// <summary>The end of the word that starts at <paramref name="start"/> (the text's end when it is the last).</summary>
    public static int NextCut(ReadOnlySpan<byte> text, int start, WordCut cut)
    {
        if (cut == WordCut.BeforeSpace)
        {
            // The word runs to the next "▁" after its first byte.
            int from = start + 1;
            int at = text[from..].IndexOf(Utf8Rules.SpaceSymbol);
            return at < 0 ? text.Length : from + at;
        }
        int space = text[start..].IndexOf(Utf8Rules.SpaceSymbol);
        return space < 0 ? text.Length : start + space + 3;
    }
}
