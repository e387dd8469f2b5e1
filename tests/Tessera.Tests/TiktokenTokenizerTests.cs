using System.Buffers;
using System.Text;

namespace Tessera.Tests;

/// <summary>The public API's behaviours beyond the ids themselves (those are in Conformance/).</summary>
public sealed class TiktokenTokenizerTests
{
    private static readonly TiktokenTokenizer s_o200k = TiktokenTokenizer.Get("o200k_base");
    private static readonly TiktokenTokenizer s_cl100k = TiktokenTokenizer.Get("cl100k_base");

    [Fact]
    public void SpecialTokenTextRaisesByDefault()
    {
        var error = Assert.Throws<SpecialTokenException>(() => s_cl100k.Encode("héllo <|endoftext|>"));
        Assert.Equal("<|endoftext|>", error.Token);
        Assert.Equal(6, error.Index); // a character index
        Assert.Throws<SpecialTokenException>(() => s_cl100k.CountTokens("<|fim_prefix|>"));
        var utf8 = Assert.Throws<SpecialTokenException>(() => s_cl100k.EncodeUtf8("héllo <|endoftext|>"u8));
        Assert.Equal(7, utf8.Index); // a byte index
    }

    [Fact]
    public void PoliciesAllowSomeOrTreatAsText()
    {
        const string text = "a<|endoftext|>b<|fim_prefix|>";
        int[] all = s_cl100k.Encode(text, SpecialTokenPolicy.AllowAll);
        Assert.Contains(100257, all);
        Assert.Contains(100258, all);
        Assert.DoesNotContain(100257, s_cl100k.Encode(text, SpecialTokenPolicy.Ordinary));
        Assert.Throws<SpecialTokenException>(() => s_cl100k.Encode(text, SpecialTokenPolicy.Allow("<|endoftext|>")));
        int[] some = s_cl100k.Encode(text, SpecialTokenPolicy.Allow(["<|endoftext|>"], otherwiseOrdinary: true));
        Assert.Contains(100257, some);
        Assert.DoesNotContain(100258, some);
        Assert.Equal(s_cl100k.Encode("<|fim_prefix|>", SpecialTokenPolicy.Ordinary), some[^s_cl100k.Encode("<|fim_prefix|>", SpecialTokenPolicy.Ordinary).Length..]);
    }

    [Fact]
    public void DecodeRoundTripsAndReplacesInvalidUtf8()
    {
        const string text = "Grüße, 世界! 😀 <|endoftext|>";
        int[] ids = s_o200k.Encode(text, SpecialTokenPolicy.AllowAll);
        Assert.Equal(text, s_o200k.Decode(ids));
        Assert.Equal(Encoding.UTF8.GetBytes(text), s_o200k.DecodeBytes(ids));
        int firstByteOfEmoji = s_o200k.GetTokenId([0xF0]);
        Assert.Equal("\uFFFD", s_o200k.Decode([firstByteOfEmoji]));
    }

    [Fact]
    public void UnknownIdIsNamed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => s_o200k.Decode([1, 250000, 2]));
        Assert.Contains("250000", error.Message, StringComparison.Ordinal);
        Assert.False(s_o200k.TryGetTokenBytes(-1, out _));
        Assert.Equal(OperationStatus.InvalidData, s_o200k.DecodeUtf8([1, 199998 + 10], new byte[64], out int consumed, out _));
        Assert.Equal(1, consumed);
        // p50k_base has a gap in its ranks where r50k_base has <|endoftext|>; the special token fills it.
        var p50k = TiktokenTokenizer.Get("p50k_base");
        Assert.True(p50k.GetTokenBytes(50256).SequenceEqual("<|endoftext|>"u8));
        Assert.True(p50k.TryGetTokenBytes(50257, out _));
        Assert.False(p50k.TryGetTokenBytes(50281, out _));
    }

    [Fact]
    public void SpanTierWritesIntoCallerBuffers()
    {
        byte[] utf8 = "Hello, world"u8.ToArray();
        Span<int> ids = stackalloc int[8];
        Assert.Equal(OperationStatus.Done, s_o200k.EncodeUtf8(utf8, ids, out int written));
        Assert.Equal(s_o200k.Encode("Hello, world"), ids[..written].ToArray());
        Assert.Equal(OperationStatus.DestinationTooSmall, s_o200k.EncodeUtf8(utf8, ids[..1], out written));
        Assert.Equal(1, written);
        Span<byte> bytes = stackalloc byte[64];
        Assert.Equal(OperationStatus.Done, s_o200k.DecodeUtf8(ids[..3], bytes, out _, out int bytesWritten));
        Assert.Equal(OperationStatus.DestinationTooSmall, s_o200k.DecodeUtf8(ids[..3], bytes[..2], out _, out _));
        Assert.True(bytesWritten > 0);
    }

    [Fact]
    public void TokenBytesAndIdsAgree()
    {
        int id = s_o200k.GetTokenId(" hello"u8);
        Assert.True(s_o200k.GetTokenBytes(id).SequenceEqual(" hello"u8));
        Assert.Equal("<|endoftext|>"u8.ToArray(), s_o200k.GetTokenBytes(199999).ToArray());
        Assert.Throws<KeyNotFoundException>(() => s_o200k.GetTokenId("no such token, surely"u8));
    }

    [Fact]
    public void LoneSurrogatesEncodeAsReplacementCharacter() =>
        Assert.Equal(s_o200k.Encode("a\uFFFDb\uFFFD"), s_o200k.Encode("a\uD800b\uDC00"));

    [Theory]
    [InlineData("Hello, world! How are you today?")]
    [InlineData("日本語のテキスト😀 and emoji 👨‍👩‍👧")]
    [InlineData("")]
    public void OffsetsCoverTheText(string text)
    {
        IReadOnlyList<TokenOffset> tokens = s_o200k.EncodeWithOffsets(text);
        Assert.Equal(s_o200k.Encode(text), tokens.Select(t => t.Id));
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        int byteAt = 0;
        foreach (TokenOffset t in tokens)
        {
            Assert.Equal(byteAt, t.ByteStart);
            Assert.True(s_o200k.GetTokenBytes(t.Id).SequenceEqual(utf8.AsSpan(t.ByteStart, t.ByteEnd - t.ByteStart)));
            Assert.True(t.CharStart < t.CharEnd);
            // The character range holds the token's bytes.
            byte[] covered = Encoding.UTF8.GetBytes(text[t.CharStart..t.CharEnd]);
            Assert.True(covered.AsSpan().IndexOf(s_o200k.GetTokenBytes(t.Id)) >= 0);
            byteAt = t.ByteEnd;
        }
        Assert.Equal(utf8.Length, byteAt);
    }

    [Fact]
    public void OffsetsOfSplitCharacterWidenToTheCharacter()
    {
        // An emoji rarely merges whole; its tokens share the character's two UTF-16 units.
        const string text = "a🫠b";
        var tokens = s_cl100k.EncodeWithOffsets(text);
        var inside = tokens.Where(t => t.ByteStart >= 1 && t.ByteEnd <= 5).ToList();
        Assert.True(inside.Count >= 2);
        Assert.All(inside, t => Assert.Equal((1, 3), (t.CharStart, t.CharEnd)));
    }

    [Theory]
    [InlineData("The quick brown fox jumps over the lazy dog.", 3)]
    [InlineData("日本語のテキストです。", 4)]
    [InlineData("a🫠b🫠c", 2)]
    [InlineData("short", 100)]
    public void IndexByTokenCountCutsOnCharacterBoundaries(string text, int budget)
    {
        int[] all = s_cl100k.Encode(text);
        int index = s_cl100k.GetIndexByTokenCount(text, budget, out int count);
        Assert.True(count <= budget);
        Assert.False(index > 0 && index < text.Length && char.IsLowSurrogate(text[index]));
        // The prefix is exactly the first `count` tokens of the whole text's encoding.
        Assert.Equal(s_cl100k.DecodeBytes(all.AsSpan(0, count)), Encoding.UTF8.GetBytes(text[..index]));
        if (budget >= all.Length) Assert.Equal(text.Length, index);

        int from = s_cl100k.GetIndexByTokenCountFromEnd(text, budget, out int tail);
        Assert.True(tail <= budget);
        Assert.Equal(s_cl100k.DecodeBytes(all.AsSpan(all.Length - tail)), Encoding.UTF8.GetBytes(text[from..]));
    }

    [Fact]
    public void IndexByTokenCountOfZeroIsZero()
    {
        Assert.Equal(0, s_o200k.GetIndexByTokenCount("abc", 0, out int count));
        Assert.Equal(0, count);
        Assert.Equal(3, s_o200k.GetIndexByTokenCountFromEnd("abc", 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_o200k.GetIndexByTokenCount("abc", -1, out _));
    }

    [Fact]
    public void InvalidUtf8BytesEncodeAsRawBytes()
    {
        byte[] bytes = [(byte)'a', 0xFF, (byte)'b', 0xC3];
        int[] ids = s_o200k.EncodeUtf8(bytes);
        Assert.Equal(bytes, s_o200k.DecodeBytes(ids));
    }
}
