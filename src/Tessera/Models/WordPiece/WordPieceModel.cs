using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.Models.WordPiece;

/// <summary>
/// Hugging Face's WordPiece model (<c>models/wordpiece/mod.rs</c>): greedy longest match from the start of the piece,
/// every piece after the first looked up with <c>continuing_subword_prefix</c> (<c>##</c>); a piece of more than
/// <c>max_input_chars_per_word</c> characters, or one with a position no token matches, is a single unknown token
/// covering the whole piece. See docs/algorithms/wordpiece.md.
/// </summary>
internal sealed class WordPieceModel : IModel
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly string?[] _tokens;
    private readonly DoubleArrayTrie _initial;       // every token, for the first sub-token
    private readonly DoubleArrayTrie _continuation;  // tokens that start with the prefix, prefix removed
    private readonly int _unkId = -1;

    /// <summary>Creates the model; the unknown token need not be in the vocabulary until a piece needs it.</summary>
    public WordPieceModel(Dictionary<string, int> vocabulary, string unkToken, string continuingSubwordPrefix, int maxInputCharsPerWord)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(unkToken);
        ArgumentNullException.ThrowIfNull(continuingSubwordPrefix);
        ArgumentOutOfRangeException.ThrowIfNegative(maxInputCharsPerWord);
        _vocabulary = vocabulary;
        UnkToken = unkToken;
        ContinuingSubwordPrefix = continuingSubwordPrefix;
        MaxInputCharsPerWord = maxInputCharsPerWord;
        _tokens = Vocabularies.Invert(vocabulary);
        if (vocabulary.TryGetValue(unkToken, out int unkId))
            _unkId = unkId;

        var initial = new List<(byte[], int)>(vocabulary.Count);
        var continuation = new List<(byte[], int)>();
        foreach ((string token, int id) in vocabulary)
        {
            byte[] bytes = Utf8Chars.Bytes(token);
            initial.Add((bytes, id));
            if (token.StartsWith(continuingSubwordPrefix, StringComparison.Ordinal))
                continuation.Add((Utf8Chars.Bytes(token[continuingSubwordPrefix.Length..]), id));
        }
        _initial = DoubleArrayTrie.Build(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(initial));
        _continuation = DoubleArrayTrie.Build(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(continuation));
    }

    /// <summary>The unknown token (<c>unk_token</c>).</summary>
    public string UnkToken { get; }

    /// <summary>The prefix of every sub-token but the first (<c>continuing_subword_prefix</c>).</summary>
    public string ContinuingSubwordPrefix { get; }

    /// <summary>Longer pieces (in characters) are one unknown token (<c>max_input_chars_per_word</c>).</summary>
    public int MaxInputCharsPerWord { get; }

    public int VocabularySize => _vocabulary.Count;

    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    public int? TokenToId(string token) => _vocabulary.TryGetValue(token, out int id) ? id : null;

    public string? IdToToken(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id] : null;

    public void Tokenize(ReadOnlySpan<byte> piece, List<Token> output)
    {
        if (piece.Length > MaxInputCharsPerWord && Utf8Chars.Count(piece) > MaxInputCharsPerWord)
        {
            AddUnknown(piece.Length, output);
            return;
        }
        int first = output.Count;
        for (int start = 0; start < piece.Length;)
        {
            // The longest token ending anywhere is the longest ending on a character boundary: tokens are whole UTF-8.
            DoubleArrayTrie trie = start == 0 ? _initial : _continuation;
            int length = trie.LongestPrefix(piece[start..], out int id);
            if (length == 0)
            {
                output.RemoveRange(first, output.Count - first);
                AddUnknown(piece.Length, output);
                return;
            }
            output.Add(new Token(id, start, start + length));
            start += length;
        }
    }

    private void AddUnknown(int length, List<Token> output)
    {
        if (_unkId < 0)
            ModelErrors.ThrowMissingUnknown("WordPiece", UnkToken);
        output.Add(new Token(_unkId, 0, length));
    }

    /// <summary>
    /// Reads tokenizer.json's <c>"model"</c> of type WordPiece. As in Hugging Face, all four fields are required.
    /// </summary>
    public static WordPieceModel FromJson(JsonObject json)
    {
        string unk = json.String("unk_token");
        string prefix = json.String("continuing_subword_prefix");
        int max = json.Int("max_input_chars_per_word");
        if (max < 0)
            throw json.ErrorAt("max_input_chars_per_word", "expected a non-negative integer");
        Dictionary<string, int> vocabulary = Vocabularies.Read(json, "vocab");
        return new WordPieceModel(vocabulary, unk, prefix, max);
    }

    public string Type => "WordPiece";

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("unk_token", UnkToken);
        writer.WriteString("continuing_subword_prefix", ContinuingSubwordPrefix);
        writer.WriteNumber("max_input_chars_per_word", MaxInputCharsPerWord);
        Vocabularies.Write(writer, "vocab", _vocabulary);
        writer.WriteEndObject();
    }
}
