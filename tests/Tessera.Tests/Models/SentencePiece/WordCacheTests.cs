using System.Text;
using Tessera.Models.SentencePiece;

namespace Tessera.Tests.Models.SentencePiece;

/// <summary>The word cache: what it returns for what was added, and its growth from 2^16 to 2^18 slots.</summary>
public sealed class WordCacheTests
{
    private static WordCache.Key KeyOf(int word) => new(Encoding.ASCII.GetBytes($"\u0001w{word}"));

    [Fact]
    public void ReturnsTheIdsAndLimitOfTheWordAdded()
    {
        var cache = new WordCache();
        cache.Add(KeyOf(1), [7, 8, 9], 12.5f);
        cache.Add(KeyOf(2), default, 0);
        Assert.Equal(3, cache.TryGet(KeyOf(1), out ReadOnlySpan<int> ids, out float limit));
        Assert.Equal([7, 8, 9], ids.ToArray());
        Assert.Equal(12.5f, limit);
        Assert.Equal(-1, cache.TryGet(KeyOf(2), out _, out limit));
        Assert.Equal(0f, limit);
        Assert.Equal(0, cache.TryGet(KeyOf(3), out _, out _));
    }

    [Fact]
    public void GrowsAfterTwiceItsSlotsInWordsAndKeepsWhatItHeld()
    {
        var cache = new WordCache();
        Assert.Equal(1 << 16, cache.Slots);
        int added = 2 << 16;
        for (int word = 0; word < added; word++)
            cache.Add(KeyOf(word), [word & 0xFFFF, word >> 16]);
        Assert.Equal(1 << 16, cache.Slots);
        // What the table holds just before it grows, found again after.
        var held = Enumerable.Range(0, added).Where(w => cache.TryGet(KeyOf(w), out _, out _) > 0).ToList();
        Assert.True(held.Count > 30_000, $"{held.Count} words held");
        cache.Add(KeyOf(added), [1]);
        Assert.Equal(1 << 17, cache.Slots);
        int lost = 0;
        foreach (int word in held)
        {
            int count = cache.TryGet(KeyOf(word), out ReadOnlySpan<int> ids, out _);
            if (count == 0)
            {
                lost++; // the slot the word that set off the growth took
                continue;
            }
            Assert.Equal([word & 0xFFFF, word >> 16], ids.ToArray());
        }
        Assert.True(lost <= 1, $"{lost} words lost");
        for (int word = added + 1; word < 20 << 16; word++)
            cache.Add(KeyOf(word), [1]);
        Assert.Equal(1 << 18, cache.Slots);
    }
}
