namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's WORD encoder (word_model.cc): the text is cut before every "▁" (<c>SplitIntoWords</c> with
/// whitespace as prefix, whatever <c>treat_whitespace_as_suffix</c> says, as 0.1.97 calls it), and each word is a piece
/// looked up by <c>PieceToId</c> (unknown when absent).
/// </summary>
internal sealed class SentencePieceWord(SentencePieceVocabulary vocabulary)
{
    /// <summary>Adds the pieces of <paramref name="text"/> (normalized) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> text, ref PieceOutput output)
    {
        int start = 0;
        for (int at = 0; at < text.Length;)
        {
            int length = Utf8Rules.CharLength(text, at);
            if (at > start && text.Slice(at, length).SequenceEqual(Utf8Rules.SpaceSymbol))
            {
                ReadOnlySpan<byte> word = text[start..at];
                output.Add(vocabulary.PieceToId(word), word);
                start = at;
            }
            at += length;
        }
        if (start < text.Length)
        {
            ReadOnlySpan<byte> word = text[start..];
            output.Add(vocabulary.PieceToId(word), word);
        }
    }
}
