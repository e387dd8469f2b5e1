using System.Text;

namespace Tessera.Tests;

/// <summary>Streams encode in blocks, read one block ahead; the blocks' ids concatenate to the ids of the whole text.</summary>
public sealed class StreamTests
{
    private static byte[] Text()
    {
        List<string> documents = Conformance.GoldenFiles.Documents("adversarial");
        documents.AddRange(Conformance.GoldenFiles.Documents("prose-en"));
        return Encoding.UTF8.GetBytes(string.Join("\n", documents));
    }

    [Theory]
    [InlineData("o200k_base", 64)]
    [InlineData("o200k_base", 4096)]
    [InlineData("cl100k_base", 1000)]
    [InlineData("r50k_base", 1 << 22)]
    public void BlocksConcatenateToTheWholeEncoding(string encoding, int blockBytes)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        byte[] utf8 = Text();
        int[] whole = tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary);

        int[] streamed = [.. tokenizer.EncodeUtf8Stream(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, 2, blockBytes).SelectMany(ids => ids)];
        Assert.Equal(whole, streamed);

        var viaCallback = new List<int>();
        tokenizer.EncodeUtf8Stream(new MemoryStream(utf8), ids => viaCallback.AddRange(ids.ToArray()), SpecialTokenPolicy.Ordinary, 2, blockBytes);
        Assert.Equal(whole, viaCallback);

        Assert.Equal(whole.Length, tokenizer.CountTokensUtf8(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, 2, blockBytes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FullBlocksGoRoundTheTurnsInOneSharedBuffer(int threads)
    {
        // Blocks of 256 KB over 3 MB: the first block in a buffer of its own, then every turn a stretch of one shared
        // block of memory, reused round after round (TurnBuffers).
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        byte[] one = Text();
        byte[] utf8 = [.. Enumerable.Repeat(one, (3 << 20) / one.Length + 1).SelectMany(text => text.Append((byte)'\n'))];
        int[] whole = tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary);
        Assert.Equal(whole, tokenizer.EncodeUtf8Stream(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, threads, 256 << 10).SelectMany(ids => ids));
        Assert.Equal(whole.Length, tokenizer.CountTokensUtf8(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, threads, 256 << 10));
    }

    [Theory]
    [InlineData("Hello, world")]
    [InlineData("Two lines\nof text\n")]
    public void TheLastBlockStaysValidUntilItsPartsAreDone(string text)
    {
        // One block in 2 MB of mapped memory: freed too early, reading it faults.
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        int[] whole = tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary);
        for (int round = 0; round < 20; round++)
        {
            Assert.Equal(whole, tokenizer.EncodeUtf8Stream(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, 2, 1 << 20).SelectMany(ids => ids));
            Assert.Equal(whole.Length, tokenizer.CountTokensUtf8(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, 2, 1 << 20));
        }
    }

    [Fact]
    public void ALineLongerThanTheBlockGrowsTheBuffer()
    {
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        byte[] utf8 = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("word ", 5000)) + "\nNext line\n" + new string('x', 3000));
        int[] whole = tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary);
        Assert.Equal(whole, tokenizer.EncodeUtf8Stream(new MemoryStream(utf8), SpecialTokenPolicy.Ordinary, 1, 16).SelectMany(ids => ids));
    }

    [Fact]
    public void ARejectedSpecialTokenIsNamedByItsOffsetInTheStream()
    {
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        string head = string.Concat(Enumerable.Repeat("Some text.\n", 200));
        byte[] utf8 = Encoding.UTF8.GetBytes(head + "<|endoftext|> more\nText after.\n");
        var error = Assert.Throws<SpecialTokenException>(() => tokenizer.CountTokensUtf8(new MemoryStream(utf8), blockBytes: 64));
        Assert.Equal(Encoding.UTF8.GetByteCount(head), error.Index);
    }

    [Fact]
    public void StoppingEarlyWaitsForTheReadInFlight()
    {
        int inFlight = 0;
        IEnumerable<int> SlowReads()
        {
            for (int i = 0; ; i++)
            {
                Interlocked.Increment(ref inFlight);
                Thread.Sleep(200);
                Interlocked.Decrement(ref inFlight);
                yield return i;
            }
        }
        foreach (int item in Tessera.Internal.ReadAhead.Of(SlowReads()))
        {
            Assert.Equal(0, item);
            Thread.Sleep(50); // the next read is under way, and takes longer than this
            break;
        }
        Assert.Equal(0, Volatile.Read(ref inFlight)); // it was waited for before the enumeration ended
    }

    [Fact]
    public void AFailedReadReachesTheCaller()
    {
        IEnumerable<int> Failing()
        {
            yield return 1;
            throw new InvalidDataException("bad byte at 7");
        }
        var error = Assert.Throws<InvalidDataException>(() => Tessera.Internal.ReadAhead.Of(Failing()).ToList());
        Assert.Equal("bad byte at 7", error.Message);
    }

    [Fact]
    public void AShortInputIsReadOnTheCallersThreadAndALongOneAhead()
    {
        int caller = Environment.CurrentManagedThreadId;
        var producedOn = new List<int>();
        IEnumerable<int> Items(int count)
        {
            for (int i = 0; i < count; i++)
            {
                producedOn.Add(Environment.CurrentManagedThreadId);
                yield return i;
            }
            producedOn.Add(-Environment.CurrentManagedThreadId); // asked for one more: the end
        }

        Assert.Equal([0], Tessera.Internal.ReadAhead.Of(Items(1), item => item == 0).ToList());
        Assert.Equal([caller], producedOn); // the only item, known to be the last: not even asked for more, no thread

        producedOn.Clear();
        Assert.Equal([0, 1, 2], Tessera.Internal.ReadAhead.Of(Items(3), item => item == 2).ToList());
        Assert.Equal(caller, producedOn[0]);
        Assert.All(producedOn.Skip(1), thread => Assert.NotEqual(caller, Math.Abs(thread))); // the rest read ahead
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AStreamOfOneShortBlockEncodesAsTheWholeText(int threads)
    {
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        byte[] text = Encoding.UTF8.GetBytes("A short text, one block: naïve 🎉 12345\n  and a second line.");
        int[] expected = tokenizer.EncodeUtf8(text, SpecialTokenPolicy.Ordinary);
        Assert.Equal(expected, tokenizer.EncodeUtf8Stream(new MemoryStream(text), SpecialTokenPolicy.Ordinary, threads).SelectMany(ids => ids));
        Assert.Equal(expected.Length, tokenizer.CountTokensUtf8(new MemoryStream(text), SpecialTokenPolicy.Ordinary, threads));
    }
}
