using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// The byte-level models run on the flat encoder, the SentencePiece-style BPE models on their code-point loop and the
/// SentencePiece-style Unigram pipelines on theirs (lowered), and all give the general pipeline's ids on every golden document (the general pipeline is checked
/// against Hugging Face separately).
/// </summary>
public sealed class LoweringTests
{
    public static TheoryData<string> LoweredModels() => [
        "llama3", "qwen3", "gpt4o", "gpt35turbo", "claude", "deepseek_v3", "mistral7b", "gemma3",
        "unigram-metaspace", "unigram-split", "unigram-bytefallback", "unigram-t5", "unigram-xlmr", "unigram-first", "unigram-nosplit",
    ];

    [Theory]
    [MemberData(nameof(LoweredModels))]
    public void LoweredEncoderGivesThePipelinesIds(string model)
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load(model);
        Assert.True(tokenizer.IsLowered);
        foreach (string input in GoldenFiles.InputNames())
        {
            foreach (string document in GoldenFiles.Documents(input).Take(300))
            {
                foreach (bool special in new[] { false, true })
                {
                    int[] general = [.. tokenizer.Encode(document, addSpecialTokens: false, matchSpecialTokens: special).Ids];
                    int[] lowered = tokenizer.EncodeToIds(document, addSpecialTokens: false, matchSpecialTokens: special);
                    GoldenFiles.AssertSameIds(general, lowered, $"{model} {input}", document);
                }
            }
        }
        Assert.Empty(tokenizer.EncodeToIds("", addSpecialTokens: false));
    }

    /// <summary>
    /// Metaspace "first" after a normalizer: Hugging Face prepends only where the normalized text still starts at the
    /// input's start, which takes the alignments; that pipeline runs unlowered (its ids are checked against Hugging
    /// Face's goldens with the others).
    /// </summary>
    [Fact]
    public void MetaspaceFirstAfterANormalizerRunsUnlowered() => Assert.False(HuggingFaceGoldens.Load("unigram-first-strip").IsLowered);

    /// <summary>Every added token in text, glued to words and to each other (DeepSeek's are matched after normalization, the others before).</summary>
    [Theory]
    [MemberData(nameof(LoweredModels))]
    public void AddedTokensInTextGiveThePipelinesIds(string model)
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load(model);
        string[] contents = [.. tokenizer.AddedTokens.Take(200).Select(t => t.Token.Content)];
        string document = string.Join(" x", contents) + "y" + string.Concat(contents.Reverse()) + " end";
        foreach (bool special in new[] { false, true })
        {
            int[] general = [.. tokenizer.Encode(document, addSpecialTokens: false, matchSpecialTokens: special).Ids];
            int[] lowered = tokenizer.EncodeToIds(document, addSpecialTokens: false, matchSpecialTokens: special);
            GoldenFiles.AssertSameIds(general, lowered, $"{model} added tokens", document);
        }
    }

    /// <summary>
    /// Text the normalizer removes entirely (XLM-R's precompiled map drops control characters): nothing to prepend the
    /// replacement to, so no ids, as in Hugging Face (found on the mixed corpus: "\u0001\u0001" gave "▁" lowered).
    /// </summary>
    [Theory]
    [MemberData(nameof(LoweredModels))]
    public void TextTheNormalizerRemovesGivesThePipelinesIds(string model)
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load(model);
        string added = tokenizer.AddedTokens.FirstOrDefault().Token?.Content ?? "";
        foreach (string document in new[] { "\u0001\u0001", "\u0001\u000b", "\u000b\u0001", "a\u0001", "\u0001 a", "\u0001" + added + "\u0001", " \u0001 " })
        {
            int[] general = [.. tokenizer.Encode(document, addSpecialTokens: false, matchSpecialTokens: true).Ids];
            int[] lowered = tokenizer.EncodeToIds(document, addSpecialTokens: false, matchSpecialTokens: true);
            GoldenFiles.AssertSameIds(general, lowered, $"{model} removed text", document);
        }
    }
}
