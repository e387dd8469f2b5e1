using Tessera.Tests.Conformance;

namespace Tessera.Tests;

/// <summary>Padding settings: defaults and validation.</summary>
public sealed class PaddingSettingsTests
{
    [Fact]
    public void DefaultsAreHuggingFaces()
    {
        var padding = new PaddingSettings();
        Assert.Null(padding.Length);
        Assert.Null(padding.PadToMultipleOf);
        Assert.Equal(PaddingDirection.Right, padding.Direction);
        Assert.Equal((0, 0, "[PAD]"), (padding.PadId, padding.PadTypeId, padding.PadToken));
    }

    [Fact]
    public void InvalidValuesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingSettings { Length = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingSettings { PadToMultipleOf = -8 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingSettings { PadId = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingSettings { PadTypeId = -1 });
        Assert.Throws<ArgumentNullException>(() => new PaddingSettings { PadToken = null! });
    }

    [Fact]
    public void ABatchIsPaddedToItsLongestRoundedUp()
    {
        Tokenizer plain = HuggingFaceGoldens.Load("bert-wordpiece");
        string[] texts = ["a", "the quick brown fox jumps over"];
        int longest = plain.EncodeBatch(texts).Max(e => e.Count);
        IReadOnlyList<TokenEncoding> batch = plain.WithPadding(new PaddingSettings { PadToMultipleOf = 8, Direction = PaddingDirection.Left }).EncodeBatch(texts);
        Assert.All(batch, e => Assert.Equal((longest + 7) / 8 * 8, e.Count));
        Assert.Equal(0, batch[0].AttentionMask[0]);
        Assert.Equal("[PAD]", batch[0].Tokens[0]);
        Assert.Equal(1, batch[0].SpecialTokensMask[0]);
        Assert.Null(batch[0].WordIds[0]);
    }

    [Fact]
    public void NullInputsAreRejected()
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load("bert-wordpiece");
        Assert.Throws<ArgumentNullException>(() => tokenizer.EncodeBatch((IEnumerable<string>)null!));
        Assert.Throws<ArgumentNullException>(() => tokenizer.EncodeBatch(["a", null!]));
        Assert.Throws<ArgumentNullException>(() => tokenizer.EncodeBatch([("a", (string)null!)]));
    }
}
