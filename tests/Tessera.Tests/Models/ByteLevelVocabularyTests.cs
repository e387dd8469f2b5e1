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
    public void RandomTokensAreReadAsTheirCharactersOneByOneSay()
    {
        // Tokens of 0-24 characters mixing what the word-at-a-time reading takes whole (printable ASCII but the
        // space) with what stops it: the space, control bytes, DEL, two-byte characters inside and outside the
        // alphabet, three-byte characters, stray continuation bytes and cut leads; each token's bytes against the
        // alphabet read character by character from the token's UTF-8 alone.
        var random = new Random(20261202);
        byte[][] pieces =
        [
            "a"u8.ToArray(), "Z"u8.ToArray(), "!"u8.ToArray(), "~"u8.ToArray(), " "u8.ToArray(), [0x7F], [0x00], [0x0A],
            "Ġ"u8.ToArray(), "Ċ"u8.ToArray(), "é"u8.ToArray(), "¡"u8.ToArray(), "\u00AD"u8.ToArray(), "\u0080"u8.ToArray(), "Ń"u8.ToArray(), "ń"u8.ToArray(),
            "中"u8.ToArray(), [0x80], [0xC4], [0xC1, 0x81], [0xE0, 0xA0],
        ];
        var tokens = new List<byte[]>();
        var seen = new HashSet<string>();
        while (tokens.Count < 4000)
        {
            var token = new List<byte>();
            int characters = random.Next(1, 25);
            bool plain = random.Next(3) == 0; // a third of printable ASCII only, as most real tokens
            for (int c = 0; c < characters; c++)
                token.AddRange(plain || random.Next(4) > 0 ? [(byte)random.Next(0x21, 0x7F)] : pieces[random.Next(pieces.Length)]);
            if (seen.Add(Convert.ToHexString([.. token])))
                tokens.Add([.. token]);
        }
        var builder = new StringVocabulary.Builder(tokens.Sum(t => t.Length), tokens.Count);
        for (int id = 0; id < tokens.Count; id++)
            builder.Add(tokens[id], id);
        RankTable? table = ByteLevelVocabulary.TableOf(builder.Build());
        Assert.NotNull(table);
        int kept = 0;
        for (int id = 0; id < tokens.Count; id++)
        {
            byte[]? expected = OneByOne(tokens[id]);
            Assert.True(expected is null ? table.BytesOf(id).IsEmpty : table.BytesOf(id).SequenceEqual(expected), $"token {id}: {Convert.ToHexString(tokens[id])}");
            kept += expected is null ? 0 : 1;
        }
        Assert.InRange(kept, 1000, tokens.Count - 1000); // both kinds well represented
    }

    /// <summary>The bytes a token's characters stand for, read with the runtime's strict UTF-8 decoder; null when one is outside the alphabet.</summary>
    private static byte[]? OneByOne(byte[] utf8)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
        var bytes = new List<byte>();
        foreach (char c in text)
        {
            if (!Tessera.Text.ByteLevelAlphabet.TryByteOf(c, out byte b))
                return null;
            bytes.Add(b);
        }
        return [.. bytes];
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
