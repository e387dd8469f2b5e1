using System.Text;
using Tessera.Models;

namespace Tessera.Tests.Models;

/// <summary>The double-array trie answers exact, longest-prefix and all-prefix queries as a dictionary of its keys does.</summary>
public sealed class DoubleArrayTrieTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Every key that is a prefix of <paramref name="text"/>, shortest first, by walking the trie state by state.</summary>
    private static List<(int Length, int Value)> Prefixes(DoubleArrayTrie trie, ReadOnlySpan<byte> text)
    {
        var found = new List<(int, int)>();
        int state = DoubleArrayTrie.Root;
        for (int i = 0; i < text.Length && (state = trie.Next(state, text[i])) >= 0; i++)
            if (trie.ValueAt(state) >= 0)
                found.Add((i + 1, trie.ValueAt(state)));
        return found;
    }

    [Fact]
    public void SmallExample()
    {
        var trie = DoubleArrayTrie.Build([(Utf8("a"), 1), (Utf8("ab"), 2), (Utf8("abc"), 3), (Utf8("b"), 4), (Utf8("東京"), 5)]);
        Assert.Equal(5, trie.Count);
        Assert.Equal(3, trie.Find(Utf8("abc")));
        Assert.Equal(-1, trie.Find(Utf8("abcd")));
        Assert.Equal(-1, trie.Find(Utf8("東")));
        Assert.Equal(5, trie.Find(Utf8("東京")));
        Assert.Equal(-1, trie.Find([]));
        Assert.Equal([(1, 1), (2, 2), (3, 3)], Prefixes(trie, Utf8("abcd")));
        Assert.Equal(3, trie.LongestPrefix(Utf8("abcd"), out int value));
        Assert.Equal(3, value);
        Assert.Equal(0, trie.LongestPrefix(Utf8("c"), out value));
        Assert.Equal(-1, value);
    }

    [Fact]
    public void TheLastValueOfARepeatedKeyWinsAndEmptyKeysAreSkipped()
    {
        var trie = DoubleArrayTrie.Build([(Utf8("x"), 1), ([], 7), (Utf8("x"), 2), (Utf8("y"), 3), (Utf8("x"), 4)]);
        Assert.Equal(4, trie.Find(Utf8("x")));
        Assert.Equal(2, trie.Count);
    }

    [Fact]
    public void NegativeValuesAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DoubleArrayTrie.Build([(Utf8("x"), -1)]));

    [Fact]
    public void AnEmptyTrieFindsNothing()
    {
        var trie = DoubleArrayTrie.Build([]);
        Assert.Equal(-1, trie.Find(Utf8("a")));
        Assert.Empty(Prefixes(trie, [0, 255, 128]));
    }

    [Theory]
    [InlineData(1, 2, 50)]
    [InlineData(2, 4, 2000)]
    [InlineData(3, 256, 5000)]
    [InlineData(4, 3, 20000)]
    public void RandomKeysAnswerAsADictionary(int seed, int alphabet, int count)
    {
        var random = new Random(seed);
        var keys = new List<(byte[], int)>();
        var expected = new Dictionary<string, int>();
        for (int i = 0; i < count; i++)
        {
            byte[] key = new byte[random.Next(1, 12)];
            for (int k = 0; k < key.Length; k++)
                key[k] = (byte)(alphabet == 256 ? random.Next(256) : 'a' + random.Next(alphabet));
            keys.Add((key, i));
            expected[Convert.ToHexString(key)] = i;
        }
        var trie = DoubleArrayTrie.Build(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys));
        Assert.Equal(expected.Count, trie.Count);
        Assert.True(trie.Cells < 4 * keys.Sum(k => k.Item1.Length) + 512, $"{trie.Cells} cells");
        for (int probe = 0; probe < 2000; probe++)
        {
            byte[] text = probe % 2 == 0 ? keys[random.Next(keys.Count)].Item1 : new byte[random.Next(0, 14)];
            if (probe % 2 == 1)
                for (int k = 0; k < text.Length; k++)
                    text[k] = (byte)(alphabet == 256 ? random.Next(256) : 'a' + random.Next(alphabet));
            Assert.Equal(expected.GetValueOrDefault(Convert.ToHexString(text), -1), text.Length == 0 ? -1 : trie.Find(text));
            var naive = new List<(int, int)>();
            for (int length = 1; length <= text.Length; length++)
                if (expected.TryGetValue(Convert.ToHexString(text, 0, length), out int v))
                    naive.Add((length, v));
            Assert.Equal(naive, Prefixes(trie, text));
            Assert.Equal(naive.Count == 0 ? 0 : naive[^1].Item1, trie.LongestPrefix(text, out _));
        }
    }
}
