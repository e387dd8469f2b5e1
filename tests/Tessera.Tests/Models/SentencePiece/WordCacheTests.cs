using System.Text;
using Tessera.Models.SentencePiece;

namespace Tessera.Tests.Models.SentencePiece;

/// <summary>The word cache: what it returns for what was added, which word of a bucket it drops, and its growth from 2^16 to 2^18 slots.</summary>
public sealed class WordCacheTests
{
    private static WordCache.Key KeyOf(int word) => new(Encoding.ASCII.GetBytes($"\u0001w{word}"));

    [Fact]
    public void ReturnsTheIdsAndLimitOfTheWordAdded()
    {
        var cache = new WordCache(8000);
        cache.Add(KeyOf(1), [7, 8, 9], 12.5f, -31.25f);
        cache.Add(KeyOf(2), default, 0);
        int[] ids = new int[WordCache.IdsRoom];
        Assert.Equal(3, cache.TryGet(KeyOf(1), ids, out float limit, out float score));
        Assert.Equal([7, 8, 9], ids[..3]);
        Assert.Equal(12.5f, limit);
        Assert.Equal(-31.25f, score);
        Assert.Equal(-1, cache.TryGet(KeyOf(2), ids, out limit, out _));
        Assert.Equal(0f, limit);
        Assert.Equal(0, cache.TryGet(KeyOf(3), ids, out _, out _));
    }

    [Theory]
    [InlineData(65_536, 10, 65_535)]   // ids of 16 bits
    [InlineData(65_537, 5, 65_536)]    // ids of 32 bits
    [InlineData(262_145, 5, 262_144)]
    public void HoldsAsManyIdsAsFitTheVocabularysWidth(int vocabularySize, int maxIds, int largestId)
    {
        var cache = new WordCache(vocabularySize);
        Assert.Equal(maxIds, cache.MaxIds);
        int[] stored = [.. Enumerable.Range(0, maxIds).Select(i => largestId - i * 4_999)];
        cache.Add(KeyOf(1), stored, 3f);
        cache.Add(KeyOf(2), [.. stored, 0]); // one too many: not kept
        int[] ids = new int[WordCache.IdsRoom];
        Assert.Equal(maxIds, cache.TryGet(KeyOf(1), ids, out float limit, out _));
        Assert.Equal(stored, ids[..maxIds]);
        Assert.Equal(3f, limit);
        Assert.Equal(0, cache.TryGet(KeyOf(2), ids, out _, out _));
    }

    [Fact]
    public void KeepsTheTwoWordsOfABucketUsedMostRecently()
    {
        var cache = new WordCache(8000);
        // Three words that share a bucket.
        var byBucket = new Dictionary<int, List<int>>();
        List<int> same = [];
        for (int word = 0; same.Count < 3; word++)
        {
            int bucket = cache.BucketOf(KeyOf(word));
            if (!byBucket.TryGetValue(bucket, out List<int>? words))
                byBucket[bucket] = words = [];
            words.Add(word);
            if (words.Count == 3)
                same = words;
        }
        int[] ids = new int[WordCache.IdsRoom];
        cache.Add(KeyOf(same[0]), [1]);
        cache.Add(KeyOf(same[1]), [2]);
        Assert.Equal(1, cache.TryGet(KeyOf(same[0]), ids, out _, out _)); // both held; the first is now the more recent
        Assert.Equal(1, ids[0]);
        Assert.Equal(1, cache.TryGet(KeyOf(same[1]), ids, out _, out _));
        Assert.Equal(1, cache.TryGet(KeyOf(same[0]), ids, out _, out _));
        cache.Add(KeyOf(same[2]), [3]); // drops the one used least recently: the second
        Assert.Equal(1, cache.TryGet(KeyOf(same[0]), ids, out _, out _));
        Assert.Equal(1, ids[0]);
        Assert.Equal(0, cache.TryGet(KeyOf(same[1]), ids, out _, out _));
        Assert.Equal(1, cache.TryGet(KeyOf(same[2]), ids, out _, out _));
        Assert.Equal(3, ids[0]);
    }

    [Fact]
    public void GrowsAfterTwiceItsSlotsInWordsAndKeepsWhatItHeld()
    {
        var cache = new WordCache(8000);
        Assert.Equal(1 << 16, cache.Slots);
        int added = 2 << 16;
        for (int word = 0; word < added; word++)
            cache.Add(KeyOf(word), [word & 0xFFFF, word >> 16]);
        Assert.Equal(1 << 16, cache.Slots);
        // What the table holds just before it grows, found again after.
        int[] ids = new int[WordCache.IdsRoom];
        var held = Enumerable.Range(0, added).Where(w => cache.TryGet(KeyOf(w), ids, out _, out _) > 0).ToList();
        Assert.True(held.Count > 30_000, $"{held.Count} words held");
        cache.Add(KeyOf(added), [1]);
        Assert.Equal(1 << 17, cache.Slots);
        int lost = 0;
        foreach (int word in held)
        {
            int count = cache.TryGet(KeyOf(word), ids, out _, out _);
            if (count == 0)
            {
                lost++; // the slot the word that set off the growth took
                continue;
            }
            Assert.Equal([word & 0xFFFF, word >> 16], ids[..2]);
        }
        Assert.True(lost <= 1, $"{lost} words lost");
        for (int word = added + 1; word < 20 << 16; word++)
            cache.Add(KeyOf(word), [1]);
        Assert.Equal(1 << 18, cache.Slots);
    }
}
