namespace Tessera.Tests;

/// <summary>One instance shared by many threads gives the same ids as one thread.</summary>
public sealed class ThreadSafetyTests
{
    [Fact]
    public void ManyThreadsShareOneInstance()
    {
        var tokenizer = TiktokenTokenizer.Get("o200k_base");
        List<string> documents = Conformance.GoldenFiles.Documents("adversarial");
        Assert.Empty(FailuresOnThreads(tokenizer, documents, threads: 8, rounds: 3));
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
        Assert.Empty(FailuresOnThreads(tokenizer, documents, threads: 4, rounds: 4));
    }

    /// <summary>
    /// Encodes every document serially, then on <paramref name="threads"/> threads at once, each starting at another
    /// document, <paramref name="rounds"/> times; returns the documents whose ids differed.
    /// </summary>
    private static List<int> FailuresOnThreads(TiktokenTokenizer tokenizer, IReadOnlyList<string> documents, int threads, int rounds)
    {
        int[][] expected = [.. documents.Select(d => tokenizer.Encode(d, SpecialTokenPolicy.Ordinary))];
        var failures = new System.Collections.Concurrent.ConcurrentBag<int>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (int round = 0; round < rounds; round++)
                for (int n = 0, i = t * 377 % documents.Count; n < documents.Count; n++, i = (i + 1) % documents.Count)
                    if (!expected[i].AsSpan().SequenceEqual(tokenizer.Encode(documents[i], SpecialTokenPolicy.Ordinary)))
                        failures.Add(i);
        })).ToList();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
        return [.. failures];
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
