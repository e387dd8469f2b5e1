using Tessera.Tests.Conformance;

namespace Tessera.Tests;

/// <summary>Tokenizer.Decode as Hugging Face's Tokenizer::decode (results from the Node binding).</summary>
public sealed class TokenizerDecodeTests
{
    private static Tokenizer NoDecoder() => HuggingFaceGoldens.Load("no-decoder");

    [Fact]
    public void WithoutADecoderTokensAreJoinedBySpaces()
    {
        Tokenizer tokenizer = NoDecoder();
        int[] ids = [tokenizer.TokenToId("H")!.Value, tokenizer.TokenToId("el")!.Value, tokenizer.TokenToId("<sep>")!.Value];
        Assert.Equal("H el <sep>", tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal("H el", tokenizer.Decode(ids));
    }

    [Fact]
    public void UnknownIdsAreSkippedAsHuggingFaceSkipsThem()
    {
        Tokenizer tokenizer = NoDecoder();
        Assert.Equal("H", tokenizer.Decode([999_999, tokenizer.TokenToId("H")!.Value, int.MaxValue]));
    }

    [Fact]
    public void NegativeIdsAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NoDecoder().Decode([1, -1]));

    [Fact]
    public void NullIdsAreRejected() => Assert.Throws<ArgumentNullException>(() => NoDecoder().Decode(null!));

    [Fact]
    public void SpecialTokensAreSkippedByContent()
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load("llama-template");
        int[] ids = tokenizer.EncodeToIds("Hi there");
        Assert.Equal(1, ids[0]);
        Assert.Equal("Hi there", tokenizer.Decode(ids));
        Assert.Equal("<s> Hi there", tokenizer.Decode(ids, skipSpecialTokens: false));
    }
}
