using System.Text;
using Tessera.Formats.Tiktoken;

namespace Tessera.Tests;

/// <summary>
/// A tokenizer's first short texts are encoded without its caches (no fresh cache memory for a short input); the ids
/// are the same as with the caches, which are made once more text comes.
/// </summary>
public sealed class FirstUseTests
{
    private static IEnumerable<string> Texts()
    {
        foreach (string document in Conformance.GoldenFiles.Documents("adversarial").Take(200))
            yield return document;
        yield return "Call me Ishmael. Some years ago, never mind how long precisely, I thought I would sail about.";
        yield return "Antidisestablishmentarianismically " + new string('x', 40) + " " + new string('é', 90) + " 1234567890123";
        yield return string.Concat(Enumerable.Repeat("ab", 150)); // one piece of 300 bytes: the heap merge
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void ShortFirstTextsEncodeWithoutCachesToTheSameIds(string name)
    {
        TiktokenTokenizer fresh = TiktokenTokenizer.LoadFresh(TiktokenDefinition.Find(name)!);
        TiktokenTokenizer shared = TiktokenTokenizer.Get(name);
        string[] texts = [.. Texts()];
        Assert.True(texts.Sum(text => Encoding.UTF8.GetByteCount(text)) < 32 << 10);

        int[][] uncached = [.. texts.Select(text => fresh.EncodeUtf8(Encoding.UTF8.GetBytes(text), SpecialTokenPolicy.Ordinary))];
        Assert.False(fresh.Encoder.CachesMade);
        fresh.EncodeUtf8(Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Repeat(string.Join("\n", texts), 8))), SpecialTokenPolicy.Ordinary);
        Assert.True(fresh.Encoder.CachesMade);

        for (int i = 0; i < texts.Length; i++)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(texts[i]);
            Assert.Equal(shared.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary), uncached[i]);
            Assert.Equal(uncached[i], fresh.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary));
        }
    }
}
