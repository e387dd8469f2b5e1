using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// A lowered pipeline shared by several threads (its caches filled by all of them at once: the byte-level pieces, the
/// SentencePiece symbol runs, the Unigram pieces) gives every thread the ids the general pipeline gives serially.
/// </summary>
public sealed class LoweredThreadSafetyTests
{
    public static TheoryData<string> Models() => ["llama3", "deepseek_v3", "mistral7b", "unigram-xlmr", "unigram-t5"];

    [Theory]
    [MemberData(nameof(Models))]
    public void ThreadsSharingOneTokenizerGetTheSerialIds(string model)
    {
        List<string> documents = [.. GoldenFiles.InputNames().SelectMany(input => GoldenFiles.Documents(input).Take(150))];
        int[][] expected = [.. documents.Select(d => HuggingFaceGoldens.Load(model).Encode(d, addSpecialTokens: false, matchSpecialTokens: false).Ids.ToArray())];
        Tokenizer shared = Tokenizer.Load(HuggingFaceGoldens.TokenizerPath(model)); // fresh caches
        Assert.True(shared.IsLowered);
        var failures = new System.Collections.Concurrent.ConcurrentBag<int>();
        var workers = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int n = 0, i = t * 97 % documents.Count; n < documents.Count; n++, i = (i + 1) % documents.Count)
                if (!expected[i].AsSpan().SequenceEqual(shared.EncodeToIds(documents[i], addSpecialTokens: false, matchSpecialTokens: false)))
                    failures.Add(i);
        })).ToList();
        foreach (Thread worker in workers) worker.Start();
        foreach (Thread worker in workers) worker.Join();
        Assert.Empty(failures);
    }
}
