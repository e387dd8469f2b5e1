using System.Text;
using Tessera.Models.SentencePiece;

namespace Tessera.Tests.Models.SentencePiece;

/// <summary>The double-array trie against a dictionary: exact and longest-prefix lookups on random keys and texts.</summary>
public sealed class PieceTrieTests
{
    [Theory]
    [InlineData(1, 50, 3)]
    [InlineData(2, 2000, 8)]
    [InlineData(3, 20000, 12)]
    public void LookupsMatchADictionary(int seed, int count, int maxLength)
    {
        var random = new Random(seed);
        // A small alphabet (with bytes 0 and 255) so keys share prefixes.
        byte[] alphabet = [0, 1, 2, 97, 98, 99, 0xE2, 0x96, 0x81, 255];
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<(byte[], int)>();
        for (int i = 0; i < count; i++)
        {
            byte[] key = RandomBytes(random, alphabet, 1 + random.Next(maxLength));
            entries.Add((key, i));
            keys.TryAdd(Encoding.Latin1.GetString(key), i); // the first of duplicates is kept
        }
        entries.Add(([], 999)); // ignored
        PieceTrie trie = PieceTrie.Build(entries);

        foreach ((string key, int value) in keys)
            Assert.Equal(value, trie.ExactMatch(Encoding.Latin1.GetBytes(key)));
        for (int i = 0; i < 2000; i++)
        {
            byte[] text = RandomBytes(random, alphabet, random.Next(maxLength + 3));
            Assert.Equal(keys.GetValueOrDefault(Encoding.Latin1.GetString(text), -1), trie.ExactMatch(text));
            int longest = 0, expected = -1;
            for (int n = 1; n <= text.Length; n++)
            {
                if (keys.TryGetValue(Encoding.Latin1.GetString(text, 0, n), out int v))
                    (longest, expected) = (n, v);
            }
            Assert.Equal(longest, trie.LongestPrefix(text, out int value));
            Assert.Equal(expected, value);
        }
    }

    [Fact]
    public void EveryStepStaysInsideTheArray()
    {
        PieceTrie trie = PieceTrie.Build([("\u2581the"u8.ToArray(), 1), ("\u2581a"u8.ToArray(), 2), ([0xFF, 0xFF], 3)]);
        PieceTrie.Node[] nodes = trie.Nodes;
        for (int s = 0; s < nodes.Length; s++)
            if (nodes[s].Check >= 0 || s == PieceTrie.Root)
                Assert.True(nodes[s].Base + 255 < nodes.Length);
        Assert.Equal(-1, trie.ExactMatch([0xFF]));
        Assert.Equal(3, trie.ExactMatch([0xFF, 0xFF]));
    }

    private static byte[] RandomBytes(Random random, byte[] alphabet, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = alphabet[random.Next(alphabet.Length)];
        return bytes;
    }
}
