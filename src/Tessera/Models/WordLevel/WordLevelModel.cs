using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.Models.WordLevel;

/// <summary>
/// Hugging Face's WordLevel model (<c>models/wordlevel/mod.rs</c>): a piece found whole in the vocabulary is one token,
/// any other piece is the unknown token, covering the whole piece.
/// </summary>
internal sealed class WordLevelModel : IModel
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly string?[] _tokens;
    private readonly DoubleArrayTrie _trie;
    private readonly int _unkId = -1;

    /// <summary>Creates the model; the unknown token need not be in the vocabulary until a piece needs it.</summary>
    public WordLevelModel(Dictionary<string, int> vocabulary, string unkToken)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(unkToken);
        _vocabulary = vocabulary;
        UnkToken = unkToken;
        _tokens = Vocabularies.Invert(vocabulary);
        _trie = DoubleArrayTrie.Build([.. vocabulary.Select(p => (Utf8Chars.Bytes(p.Key), p.Value))]);
        if (vocabulary.TryGetValue(unkToken, out int unkId))
            _unkId = unkId;
    }

    /// <summary>The unknown token (<c>unk_token</c>).</summary>
    public string UnkToken { get; }

    public int VocabularySize => _vocabulary.Count;

    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    public int? TokenToId(string token) => _vocabulary.TryGetValue(token, out int id) ? id : null;

    public string? IdToToken(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id] : null;

    public void Tokenize(ReadOnlySpan<byte> piece, List<Token> output)
    {
        // Hugging Face tokenizes an empty piece too, but the pipeline never passes one (empty splits are dropped).
        int id = _trie.Find(piece);
        if (id < 0)
        {
            if (_unkId < 0)
                ModelErrors.ThrowMissingUnknown("WordLevel", UnkToken);
            id = _unkId;
        }
        output.Add(new Token(id, 0, piece.Length));
    }

    /// <summary>Reads tokenizer.json's <c>"model"</c> of type WordLevel (both fields are required, as in Hugging Face).</summary>
    public static WordLevelModel FromJson(JsonObject json)
    {
        Dictionary<string, int> vocabulary = Vocabularies.Read(json, "vocab");
        return new WordLevelModel(vocabulary, json.String("unk_token"));
    }

    public string Type => "WordLevel";

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        Vocabularies.Write(writer, "vocab", _vocabulary);
        writer.WriteString("unk_token", UnkToken);
        writer.WriteEndObject();
    }
}
