using System.Text.Json;

namespace Tessera.Models;

/// <summary>
/// Turns one pre-tokenized piece into tokens (Hugging Face's <c>Model</c>): BPE, WordPiece, WordLevel, Unigram.
/// Implementations are immutable and safe to share across threads.
/// </summary>
internal interface IModel
{
    /// <summary>Appends the tokens of <paramref name="piece"/> (normalized UTF-8) to <paramref name="output"/>.</summary>
    void Tokenize(ReadOnlySpan<byte> piece, List<Token> output);

    /// <summary>The id of a token string, or null.</summary>
    int? TokenToId(string token);

    /// <summary>The string of a token id, or null.</summary>
    string? IdToToken(int id);

    /// <summary>
    /// The string of <paramref name="token"/>, one of the tokens of <paramref name="piece"/> (Hugging Face's
    /// <c>Token.value</c>, <c>Encoding.get_tokens</c>): the token's string in the vocabulary, unless the model says
    /// otherwise (Unigram's unknown token is the text it covers).
    /// </summary>
    string TokenString(Token token, ReadOnlySpan<byte> piece) => IdToToken(token.Id) ?? "";

    /// <summary>The number of tokens of the model's own vocabulary (added tokens not counted).</summary>
    int VocabularySize { get; }

    /// <summary>The vocabulary, token to id.</summary>
    IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <summary>The model's <c>"type"</c> in tokenizer.json (BPE, WordPiece, WordLevel, Unigram).</summary>
    string Type { get; }

    /// <summary>Writes the model as tokenizer.json's <c>"model"</c> object.</summary>
    void WriteJson(Utf8JsonWriter writer);
}
