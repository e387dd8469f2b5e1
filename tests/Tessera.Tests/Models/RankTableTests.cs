using Tessera.Models.Bpe;

namespace Tessera.Tests.Models;

/// <summary>The vocabulary table finds every token by its bytes and nothing else, whatever the order of insertion.</summary>
public sealed class RankTableTests
{
    [Fact]
    public void EveryTokenIsFoundAndNoOtherString()
    {
        // Random tokens of 1 to 20 bytes, drawn from few byte values so that many share prefixes and home slots collide.
        var random = new Random(12345);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        while (tokens.Count < 30_000)
            tokens.Add(new string([.. Enumerable.Range(0, random.Next(1, 21)).Select(_ => (char)('a' + random.Next(4)))]));
        byte[][] byRank = [.. tokens.Select(t => System.Text.Encoding.ASCII.GetBytes(t))];
        RankTable table = RankTable.FromTokens(byRank);

        for (int rank = 0; rank < byRank.Length; rank++)
            Assert.Equal(rank, table.RankOf(byRank[rank]));
        int absent = 0;
        for (int i = 0; i < 100_000; i++)
        {
            string candidate = new([.. Enumerable.Range(0, random.Next(1, 21)).Select(_ => (char)('a' + random.Next(5)))]);
            if (tokens.Contains(candidate)) continue;
            Assert.Equal(-1, table.RankOf(System.Text.Encoding.ASCII.GetBytes(candidate)));
            absent++;
        }
        Assert.True(absent > 50_000);
    }
}
