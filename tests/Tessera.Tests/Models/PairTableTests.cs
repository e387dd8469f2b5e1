using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tessera.Models.Bpe;

namespace Tessera.Tests.Models;

/// <summary>
/// The pair table holds each token's own last merge, and merging by it gives tiktoken's merge (the reference merge of
/// <see cref="NaiveMerge"/>), also for vocabularies where a token forms only after a higher-ranked one or never.
/// </summary>
public sealed class PairTableTests
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(RankTable, PairTable)>> s_built = new();

    /// <summary>A built-in encoding's table and a pair table built for it here (once per encoding).</summary>
    private static (RankTable Table, PairTable Pairs) Built(string name) =>
        s_built.GetOrAdd(name, n => new(() =>
        {
            RankTable table = TiktokenTokenizer.Get(n).Encoder.Table;
            return (table, PairTable.Build(table)!);
        })).Value;

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    [InlineData("p50k_base")]
    [InlineData("r50k_base")]
    public void EveryTokenMergesFromItsOwnLastMerge(string name)
    {
        (RankTable table, PairTable pairs) = Built(name);
        var steps = new List<NaiveMerge.Step>();
        int tokens = 0;
        for (int rank = 0; rank <= table.MaxRank; rank++)
        {
            byte[] token = table.BytesOf(rank).ToArray();
            if (token.Length < 2)
                continue;
            steps.Clear();
            Assert.Equal([rank], NaiveMerge.Encode(table, token, steps)); // every token here is its own merge
            NaiveMerge.Step last = steps[^1];
            Assert.Equal(rank, pairs.Merged(table.RankOf(last.Parts[last.At]), table.RankOf(last.Parts[last.At + 1])));
            tokens++;
        }
        Assert.True(tokens > table.Count - 300);
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("r50k_base")]
    public void APairOfTokensMergesOnlyIntoTheirJoinedBytes(string name)
    {
        (RankTable table, PairTable pairs) = Built(name);
        var random = new Random(7);
        int merged = 0;
        for (int i = 0; i < 200_000; i++)
        {
            // Pairs of short tokens, where joined tokens are common.
            int left = random.Next(2000), right = random.Next(i % 2 == 0 ? 2000 : table.MaxRank + 1);
            int joined = pairs.Merged(left, right);
            if (joined < 0)
                continue;
            Assert.True(table.BytesOf(joined).SequenceEqual([.. table.BytesOf(left), .. table.BytesOf(right)]));
            merged++;
        }
        Assert.True(merged > 100);
    }

    /// <summary>Byte strings of fragments of real tokens (many merges apply) and random bytes, up to 127 bytes (the scan side of the threshold).</summary>
    private static Arbitrary<byte[]> Pieces()
    {
        string[] fragments = ["the", " ", "ing", "tion", "x", "é", "ü", "😀", "日本", "\n", "0", "12", "'s", "ab", "ba", "aa", "\u0301", "Ω", "∑", "\t"];
        Gen<byte[]> words = Gen.Elements(fragments).ListOf().Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        Gen<byte[]> bytes = ArbMap.Default.GeneratorFor<byte[]>();
        return Gen.OneOf(words, bytes).Where(b => b.Length > 0).Select(b => b.Length >= BytePairMerge.HeapThreshold ? b[..(BytePairMerge.HeapThreshold - 1)] : b)
            .ToArbitrary();
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void MergingByPairsEqualsTheReferenceMerge(string name)
    {
        (RankTable table, PairTable pairs) = Built(name);
        Prop.ForAll(Pieces(), piece =>
            {
                var output = new int[piece.Length];
                return output[..MergeByPairs.Encode(table, pairs, piece, output)].SequenceEqual(NaiveMerge.Encode(table, piece));
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true).WithEndSize(200));
    }

    /// <summary>
    /// Every byte, then: "ab", "bc"; "abcd", which forms from "abc" and "d" though "abc" is ranked after it (so building
    /// the table merges its bytes the slow way); "abc"; "ace", which no merge forms ("ac" and "ce" are not tokens);
    /// and more tokens over a, b, c, d, e whose merges compete.
    /// </summary>
    private static RankTable SmallVocabulary()
    {
        var tokens = new List<byte[]>();
        for (int b = 0; b < 256; b++)
            tokens.Add([(byte)b]);
        foreach (string token in new[] { "ab", "bc", "abcd", "abc", "ace", "cd", "de", "bcd", "dede", "ee", "eee", "abcdee", "ea", "eab", "cde" })
            tokens.Add(Encoding.ASCII.GetBytes(token));
        return RankTable.FromTokens(tokens);
    }

    [Fact]
    public void ASmallVocabularyMergesByPairsAsByBytesOnEveryShortString()
    {
        RankTable table = SmallVocabulary();
        PairTable pairs = PairTable.Build(table)!;
        Assert.Equal(-1, pairs.Merged(table.RankOf("a"u8), table.RankOf("ce"u8))); // "ace" never forms
        Assert.Equal(table.RankOf("abcd"u8), pairs.Merged(table.RankOf("abc"u8), table.RankOf("d"u8)));
        Assert.Equal(-1, pairs.Merged(table.RankOf("ab"u8), table.RankOf("cd"u8)));

        byte[] letters = "abcde"u8.ToArray();
        var output = new int[8];
        int strings = 0;
        for (int length = 1; length <= 7; length++)
        {
            int combinations = (int)Math.Pow(letters.Length, length);
            var piece = new byte[length];
            for (int n = 0; n < combinations; n++)
            {
                for (int i = 0, rest = n; i < length; i++, rest /= letters.Length)
                    piece[i] = letters[rest % letters.Length];
                int count = MergeByPairs.Encode(table, pairs, piece, output);
                Assert.Equal(NaiveMerge.Encode(table, piece), output[..count]);
                strings++;
            }
        }
        Assert.Equal(97_655, strings);
    }

    [Fact]
    public void AVocabularyWithoutEveryByteOrWithAVeryLongTokenHasNone()
    {
        List<byte[]> bytes = [.. Enumerable.Range(0, 256).Select(b => new[] { (byte)b })];
        Assert.NotNull(PairTable.Build(RankTable.FromTokens(bytes)));
        Assert.Null(PairTable.Build(RankTable.FromTokens(bytes[1..])));
        Assert.Null(PairTable.Build(RankTable.FromTokens([.. bytes, new byte[PairTable.MaxTokenLength + 1]])));
    }
}
