using Tessera.Tests.Conformance;

namespace Tessera.Tests;

/// <summary>DecodeStream as Hugging Face's DecodeStream (the streams of the golden generator's step_decode_stream).</summary>
public sealed class DecodeStreamTests
{
    [Fact]
    public void TheChunksConcatenateToTheDecodedText()
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load("bytelevel-sequence");
        foreach (string document in GoldenFiles.Documents("multilingual").Take(40))
        {
            int[] ids = tokenizer.EncodeToIds(document);
            foreach (bool skip in new[] { true, false })
            {
                List<string?> chunks = HuggingFaceDecodeTests.Stream(tokenizer, ids, skip, out bool failed);
                Assert.False(failed);
                string streamed = string.Concat(chunks);
                string whole = tokenizer.Decode(ids, skip);
                // The stream holds back trailing bytes that do not form a character yet.
                Assert.StartsWith(streamed, whole, StringComparison.Ordinal);
                Assert.True(whole.Length - streamed.Length <= 1, $"{document}: streamed {streamed}, decoded {whole}");
            }
        }
    }

    [Fact]
    public void ByteTokensWaitForTheirCharacter()
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load("llama-template");
        DecodeStream stream = tokenizer.CreateDecodeStream();
        int F0 = Id(tokenizer, "<0xF0>"), x9F = Id(tokenizer, "<0x9F>"), x98 = Id(tokenizer, "<0x98>"), x80 = Id(tokenizer, "<0x80>");
        Assert.Null(stream.Step(F0));
        Assert.Null(stream.Step(x9F));
        Assert.Null(stream.Step(x98));
        Assert.Equal("😀", stream.Step(x80));
    }

    [Fact]
    public void SeveralIdsAtOnceGiveTheirText()
    {
        Tokenizer tokenizer = HuggingFaceGoldens.Load("llama-template");
        int[] ids = tokenizer.EncodeToIds("Hi 😀 there!");
        DecodeStream stream = tokenizer.CreateDecodeStream();
        Assert.Equal("Hi 😀", stream.Step(ids[..8]));
        Assert.Equal(" th", stream.Step(ids[8]));
    }

    [Fact]
    public void NegativeIdsAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HuggingFaceGoldens.Load("llama-template").CreateDecodeStream().Step(-1));

    private static int Id(Tokenizer tokenizer, string token) => tokenizer.TokenToId(token)!.Value;
}
