namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's CHAR encoder (char_model.cc): every character (or user-defined symbol) is a piece, looked up by
/// <c>PieceToId</c> (unknown when absent).
/// </summary>
internal sealed class SentencePieceChar(SentencePieceVocabulary vocabulary)
{
    /// <summary>Adds the pieces of <paramref name="text"/> (normalized) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> text, ref PieceOutput output)
    {
        PieceTrie? userDefined = vocabulary.UserDefined;
        for (int at = 0; at < text.Length;)
        {
            int length = userDefined?.LongestPrefix(text[at..], out _) ?? 0;
            if (length == 0)
                length = Utf8Rules.CharLength(text, at);
            ReadOnlySpan<byte> piece = text.Slice(at, length);
            output.Add(vocabulary.PieceToId(piece), piece);
            at += length;
        }
    }
}
