namespace Tessera.Tests;

/// <summary>One instance shared by many threads gives the same ids as one thread.</summary>
public sealed class ThreadSafetyTests
{
    [Fact]
    public void ManyThreadsShareOneInstance()
    {
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        List<string> documents = Conformance.GoldenFiles.Documents("adversarial");
        int[][] expected = [.. documents.Select(d => tokenizer.Encode(d, SpecialTokenPolicy.Ordinary))];
        var failures = new System.Collections.Concurrent.ConcurrentBag<int>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int round = 0; round < 3; round++)
                for (int i = (t * 131) % documents.Count, n = 0; n < documents.Count; n++, i = (i + 1) % documents.Count)
                    if (!expected[i].AsSpan().SequenceEqual(tokenizer.Encode(documents[i], SpecialTokenPolicy.Ordinary)))
                        failures.Add(i);
        })).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Empty(failures);
    }

    /// <summary>
    /// The caches of pieces are shared by all threads (a versioned slot per entry): far more distinct non-token
    /// pieces than the caches hold, encoded by several threads at once, keep overwriting the same slots while other
    /// threads read them. Every id must still equal the serial result.
    /// </summary>
    [Fact]
    public void ThreadsFillingTheSharedCachesAtOnceGetTheSerialIds()
    {
        var tokenizer = TiktokenTokenizer.Get("cl100k_base");
        var random = new Random(4242);
        string[] documents = [.. Enumerable.Range(0, 1500).Select(_ => string.Concat(Enumerable.Range(0, 120).Select(_ =>
            " " + new string([.. Enumerable.Range(0, random.Next(4, 14)).Select(_ => (char)('a' + random.Next(26)))]))))];
        int[][] expected = [.. documents.Select(d => tokenizer.Encode(d, SpecialTokenPolicy.Ordinary))];
        var failures = new System.Collections.Concurrent.ConcurrentBag<int>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int round = 0; round < 4; round++)
                for (int n = 0, i = t * 377 % documents.Length; n < documents.Length; n++, i = (i + 1) % documents.Length)
                    if (!expected[i].AsSpan().SequenceEqual(tokenizer.Encode(documents[i], SpecialTokenPolicy.Ordinary)))
                        failures.Add(i);
        })).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Empty(failures);
    }

    [Fact]
    public void BatchAndParallelEncodeEqualSerial()
    {
        var tokenizer = TiktokenTokenizer.Get("cl100k_base");
        List<string> documents = Conformance.GoldenFiles.Documents("adversarial");
        int[][] batch = tokenizer.EncodeBatch(documents, SpecialTokenPolicy.Ordinary);
        for (int i = 0; i < documents.Count; i++)
            Assert.Equal(tokenizer.Encode(documents[i], SpecialTokenPolicy.Ordinary), batch[i]);

        string big = string.Join("\n", documents) + "\n<|endoftext|>\nTail text";
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(big);
        Assert.Equal(tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.AllowAll), tokenizer.EncodeUtf8Parallel(utf8, SpecialTokenPolicy.AllowAll, 4));
        Assert.Throws<SpecialTokenException>(() => tokenizer.EncodeUtf8Parallel(utf8));
    }
}
