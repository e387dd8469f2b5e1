using Tessera.Tests.Conformance;

namespace Tessera.Tests;

/// <summary>Truncation settings: validation, and the errors Hugging Face raises.</summary>
public sealed class TruncationSettingsTests
{
    [Fact]
    public void NegativeValuesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncationSettings(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncationSettings(5, stride: -1));
    }

    [Theory]
    [InlineData(10, 8, true)] // BERT adds 2: texts are cut to 8, a stride of 8 cannot advance
    [InlineData(10, 7, false)]
    [InlineData(2, 0, false)] // no room for text: nothing is cut when special tokens are added
    [InlineData(1, 5, true)] // encoding without special tokens would cut to 1
    [InlineData(0, 3, false)] // a length of 0 makes everything overflow, whatever the stride
    public void TheStrideMustLeaveRoom(int maxLength, int stride, bool rejected)
    {
        Tokenizer bert = HuggingFaceGoldens.Load("bert-wordpiece");
        var settings = new TruncationSettings(maxLength, stride);
        if (rejected)
            Assert.Throws<ArgumentOutOfRangeException>(() => bert.WithTruncation(settings));
        else
            Assert.Same(settings, bert.WithTruncation(settings).Truncation);
    }

    [Fact]
    public void TheTokenizerItselfIsUnchanged()
    {
        Tokenizer bert = HuggingFaceGoldens.Load("bert-wordpiece");
        Tokenizer truncated = bert.WithTruncation(new TruncationSettings(4));
        Assert.Null(bert.Truncation);
        Assert.Equal(4, truncated.Encode("one two three four five").Count);
        Assert.Null(truncated.WithTruncation(null).Truncation);
    }

    [Fact]
    public void OnlySecondNeedsAPair() => Assert.Throws<InvalidOperationException>(() =>
        HuggingFaceGoldens.Load("bert-wordpiece").WithTruncation(new TruncationSettings(4, strategy: TruncationStrategy.OnlySecond)).Encode("one two three four five"));

    [Fact]
    public void TheTruncatedTextMustBeLongEnough() => Assert.Throws<InvalidOperationException>(() =>
        HuggingFaceGoldens.Load("bert-wordpiece").WithTruncation(new TruncationSettings(5, strategy: TruncationStrategy.OnlyFirst)).Encode("one", "two three four five six"));
}
