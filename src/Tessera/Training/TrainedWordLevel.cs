namespace Tessera.Training;

/// <summary>
/// A word-level vocabulary learnt by <see cref="WordLevelTrainer"/>, as a tokenizer: the Whitespace pre-tokenizer
/// (runs of word characters, runs of other non-space characters) and the WordLevel model, whose unknown token is
/// <c>unkToken</c>; the special tokens are special added tokens.
/// </summary>
public sealed class TrainedWordLevel(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyList<string> specialTokens, string unkToken)
{
    /// <summary>The tokens and their ids.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary { get; } = vocabulary;

    /// <summary>The tokenizer.</summary>
    public Tokenizer ToTokenizer() => Tokenizer.FromJson(ToJson());

    /// <summary>The tokenizer.json text of <see cref="ToTokenizer"/>.</summary>
    public string ToJson() =>
        TrainedJson.Write(specialTokens.Where(Vocabulary.ContainsKey).Select(t => (t, Vocabulary[t])), json =>
        {
            json.WriteNull("normalizer");
            json.WriteStartObject("pre_tokenizer");
            json.WriteString("type", "Whitespace");
            json.WriteEndObject();
            json.WriteNull("post_processor");
            json.WriteNull("decoder");
            json.WriteStartObject("model");
            json.WriteString("type", "WordLevel");
            TrainedJson.WriteVocabulary(json, Vocabulary.Select(p => (p.Key, p.Value)));
            json.WriteString("unk_token", unkToken);
            json.WriteEndObject();
        });
}
