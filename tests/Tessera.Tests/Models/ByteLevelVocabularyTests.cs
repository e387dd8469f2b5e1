using Tessera.Models;
using Tessera.Models.Bpe;

namespace Tessera.Tests.Models;

/// <summary>A byte-level vocabulary read as the bytes its tokens stand for: ranks are ids, and repeats give no table.</summary>
public sealed class ByteLevelVocabularyTests
{
    [Fact]
    public void TokensAreLookedUpByTheBytesTheyStandFor()
    {
        // "Ġ" stands for the space, "Ċ" for the line feed; "中" is outside the byte alphabet, so left out.
        RankTable? table = ByteLevelVocabulary.TableOf(StringVocabulary.From(new Dictionary<string, int>
        {
            ["a"] = 0, ["b"] = 1, ["Ġ"] = 2, ["Ġa"] = 3, ["Ċ"] = 4, ["ab"] = 5, ["中"] = 6,
        }));
        Assert.NotNull(table);
        Assert.Equal(3, table.RankOf(" a"u8));
        Assert.Equal(4, table.RankOf("\n"u8));
        Assert.Equal(5, table.RankOf("ab"u8));
        Assert.True(table.BytesOf(6).IsEmpty);
    }

    [Fact]
    public void TwoTokensStandingForTheSameBytesGiveNoTable()
    {
        // A token listed twice under two ids (a vocabulary object with a repeated key, as a file can have it).
        Assert.Null(ByteLevelVocabulary.TableOf(InOrder("a", "b", "ab", "ab")));
        Assert.NotNull(ByteLevelVocabulary.TableOf(InOrder("a", "b", "ab", "ba")));
    }

    /// <summary>A vocabulary of the tokens with ids in order, repeats kept apart (as the file reader builds one).</summary>
    private static StringVocabulary InOrder(params string[] tokens)
    {
        var builder = new StringVocabulary.Builder(64, tokens.Length);
        for (int id = 0; id < tokens.Length; id++)
            builder.Add(System.Text.Encoding.UTF8.GetBytes(tokens[id]), id);
        return builder.Build();
    }
}
