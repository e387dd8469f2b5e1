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
    public void EveryCharacterOfOneOrTwoBytesIsReadAsTheAlphabetSays()
    {
        // Each code point below U+0800 as a token of its own, after an "a": kept with the byte the alphabet gives it,
        // or left out when it is outside the alphabet (the table's decoder reads two-byte characters itself).
        var tokens = new List<string>();
        for (int c = 0; c < 0x800; c++)
            if (c is not ('a' or 'b') && !char.IsSurrogate((char)c))
                tokens.Add("a" + (char)c + "b");
        RankTable? table = ByteLevelVocabulary.TableOf(InOrder([.. tokens]));
        Assert.NotNull(table);
        for (int id = 0; id < tokens.Count; id++)
        {
            int c = tokens[id][1];
            if (Tessera.Text.ByteLevelAlphabet.TryByteOf(c, out byte b))
                Assert.Equal(new byte[] { (byte)'a', b, (byte)'b' }, table.BytesOf(id).ToArray());
            else
                Assert.True(table.BytesOf(id).IsEmpty, $"U+{c:X4} is outside the alphabet");
        }
    }

    [Fact]
    public void ACutOrOverlongCharacterIsOutsideTheAlphabet()
    {
        // Raw bytes, as a file's unescaped string could hold them: a lead byte at the end, an overlong "A" (C1 81),
        // a lead byte followed by no continuation, and a three-byte character.
        var builder = new StringVocabulary.Builder(64, 5);
        builder.Add("ab"u8, 0);
        builder.Add([(byte)'a', 0xC4], 1);
        builder.Add([0xC1, 0x81], 2);
        builder.Add([0xC4, (byte)'a'], 3);
        builder.Add("a中"u8, 4);
        RankTable? table = ByteLevelVocabulary.TableOf(builder.Build());
        Assert.NotNull(table);
        Assert.Equal(0, table.RankOf("ab"u8));
        for (int id = 1; id <= 4; id++)
            Assert.True(table.BytesOf(id).IsEmpty, $"token {id}");
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
        var builder = new StringVocabulary.Builder(tokens.Sum(t => System.Text.Encoding.UTF8.GetByteCount(t)), tokens.Length);
        for (int id = 0; id < tokens.Length; id++)
            builder.Add(System.Text.Encoding.UTF8.GetBytes(tokens[id]), id);
        return builder.Build();
    }
}
