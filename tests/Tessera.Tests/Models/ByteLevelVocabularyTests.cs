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
        var builder = new StringVocabulary.Builder(64, 8);
        builder.Add("a"u8, 0);
        builder.Add("b"u8, 1);
        builder.Add("ab"u8, 2);
        builder.Add("ab"u8, 3);
        Assert.Null(ByteLevelVocabulary.TableOf(builder.Build()));

        var distinct = new StringVocabulary.Builder(64, 8);
        distinct.Add("a"u8, 0);
        distinct.Add("b"u8, 1);
        distinct.Add("ab"u8, 2);
        distinct.Add("ba"u8, 3);
        Assert.NotNull(ByteLevelVocabulary.TableOf(distinct.Build()));
    }
}
