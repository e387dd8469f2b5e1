using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Models;
using Tessera.Models.Unigram;
using Tessera.Tests.Conformance;
using Tessera.Tests.Models.WordPiece;

namespace Tessera.Tests.Models.Unigram;

/// <summary>
/// Unigram as Hugging Face's <c>models/unigram/model.rs</c>: its own unit tests, <see cref="NaiveUnigram"/> as the
/// reference on random vocabularies full of ties, unknown runs and byte fallback, the JSON form and its errors.
/// </summary>
public sealed class UnigramModelTests
{
    private static List<(string, double)> Vocab(params (string, double)[] pieces) => [.. pieces];

    private static List<(int Id, int Start, int End)> Tokens(UnigramModel model, string text)
    {
        var output = new List<Token>();
        model.Tokenize(Encoding.UTF8.GetBytes(text), output);
        return [.. output.Select(t => (t.Id, t.Start, t.End))];
    }

    private static List<string> Pieces(UnigramModel model, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return [.. Tokens(model, text).Select(t => Encoding.UTF8.GetString(bytes, t.Start, t.End - t.Start))];
    }

    [Fact]
    public void HuggingFaceEncodeTest()
    {
        var model = new UnigramModel(Vocab(("<unk>", 0), ("a", 0), ("b", 0), ("c", 0), ("d", 0), ("cd", 1), ("ab", 2), ("abc", 5), ("abcd", 10)), 0, false);
        Assert.Equal(["abcd"], Pieces(model, "abcd"));
        Assert.Equal(["abcd", "a", "cd", "xx"], Pieces(model, "abcdacdxx")); // the doc example of Unigram::encode
    }

    private static readonly List<(string, double)> s_encode2 = Vocab(
        ("<unk>", 0), ("ab", 0), ("cd", -0.1), ("abc", -0.2), ("a", -0.3), ("b", -0.4), ("c", -0.5), ("ABC", -0.5),
        ("abcdabcd", 20), ("q", 20.5), ("r", 20.5), ("qr", -0.5));

    [Theory]
    [InlineData("abc", new[] { "abc" })]
    [InlineData("AB", new[] { "AB" })]
    [InlineData("abcd", new[] { "ab", "cd" })]
    [InlineData("abcc", new[] { "abc", "c" })]
    [InlineData("xabcabaabcdd", new[] { "x", "abc", "ab", "a", "ab", "cd", "d" })]
    [InlineData("xyz東京", new[] { "xyz東京" })]
    [InlineData("ABC", new[] { "ABC" })]
    [InlineData("abABCcd", new[] { "ab", "ABC", "cd" })]
    [InlineData("ababcdabcdcd", new[] { "ab", "abcdabcd", "cd" })]
    [InlineData("abqrcd", new[] { "ab", "q", "r", "cd" })]
    public void HuggingFaceEncode2Test(string text, string[] expected) =>
        Assert.Equal(expected, Pieces(new UnigramModel(s_encode2, 0, false), text));

    [Theory]
    [InlineData("AB", new[] { "A", "B" })]
    [InlineData("xyz東京", new[] { "x", "y", "z", "東", "京" })]
    public void HuggingFaceEncode2TestUnfused(string text, string[] expected) =>
        Assert.Equal(expected, Pieces(new UnigramModel(s_encode2, 0, false) { FuseUnknown = false }, text));

    private static readonly List<(string, double)> s_byteFallback = Vocab(
        ("<unk>", 0), ("<0xE2>", -0.01), ("<0x85>", -0.02), ("<0xE2>", -0.03), ("<0x90>", -0.04), ("<0x91>", -0.05),
        ("<0x9B>", -0.06), ("Hello", -0.1), ("how", -0.2), ("are", -0.3), (" ", -0.4));

    [Fact]
    public void HuggingFaceByteFallbackTest()
    {
        var model = new UnigramModel(s_byteFallback, 0, true);
        // A repeated piece (<0xE2> at 1 and 3) is the later id; every byte token of a run covers the whole run.
        Assert.Equal(
            [(7, 0, 5), (3, 5, 8), (2, 5, 8), (4, 5, 8), (8, 8, 11), (10, 11, 12), (9, 12, 15),
             (3, 15, 21), (2, 15, 21), (5, 15, 21), (3, 15, 21), (2, 15, 21), (5, 15, 21)],
            Tokens(model, "Hello⅐how are⅑⅑"));
        // A byte with no piece makes the whole run the unknown token.
        Assert.Equal([(10, 0, 1), (0, 1, 11)], Tokens(model, " unknown‰"));
    }

    [Fact]
    public void HuggingFaceByteFallbackTestUnfused()
    {
        var model = new UnigramModel(s_byteFallback, 0, true) { FuseUnknown = false };
        Assert.Equal(
            [(0, 0, 1), (0, 1, 2), (0, 2, 3), (0, 3, 4), (0, 4, 5), (0, 5, 6), (0, 6, 7), (10, 7, 8),
             (3, 8, 11), (2, 8, 11), (5, 8, 11), (3, 11, 14), (2, 11, 14), (5, 11, 14)],
            Tokens(model, "unfused ⅑⅑"));
    }

    [Fact]
    public void TheUnknownPieceInTheTextFusesWithUnknownCharacters()
    {
        // "<unk>" matched as text has the unknown id, so it joins the run after it: "<unk>x" is looked up whole, then
        // falls back to its six bytes, each covering all six.
        var vocab = Vocab(("<unk>", 0), ("<", -1), ("u", -1), ("n", -1), ("k", -1), (">", -1));
        vocab.AddRange(Enumerable.Range(0, 256).Select(b => ($"<0x{b:X2}>", -2.0)));
        var model = new UnigramModel(vocab, 0, true);
        List<(int Id, int Start, int End)> tokens = Tokens(model, "<unk>x");
        Assert.Equal(Encoding.UTF8.GetBytes("<unk>x").Select(b => (model.TokenToId($"<0x{b:X2}>")!.Value, 0, 6)), tokens);
        Assert.Equal(NaiveUnigram.Tokenize(vocab, 0, true, "<unk>x"), tokens);
    }

    [Theory]
    [InlineData("""{"type":"Unigram","unk_id":0,"vocab":[["a",-1]]}""", new[] { 0, 0, 2 })]          // "a" is the unknown id: it fuses with the unknown "b"
    [InlineData("""{"type":"Unigram","unk_id":0,"vocab":[["a",-1],["b",3]]}""", new[] { 0, 0, 1, 1, 1, 2 })] // an integer score
    public void OddModelsEncodeAsHuggingFaceDoes(string json, int[] idStartEnd)
    {
        // Hugging Face (Node binding 0.23.2) encodes "ab" with these models to the ids [0] and [0, 1].
        List<(int Id, int Start, int End)> tokens = Tokens(Read(json), "ab");
        Assert.Equal(idStartEnd.Chunk(3).Select(c => (c[0], c[1], c[2])), tokens);
    }

    [Fact]
    public void EqualPathsKeepTheFirstFound()
    {
        // "ab"+"c" and "a"+"bc" both score -2: the path reaching position 3 first (from start 0 via "ab", then "c"
        // from 2) is found after "bc" from 1, so "a"+"bc" stays.
        var model = new UnigramModel(Vocab(("<unk>", 0), ("a", -1), ("ab", -1), ("bc", -1), ("c", -1), ("b", -5)), 0, false);
        Assert.Equal(["a", "bc"], Pieces(model, "abc"));
    }

    [Fact]
    public void AMissingUnknownIdFailsOnlyWhenAnUnknownNodeWouldBeUsed()
    {
        var model = new UnigramModel(Vocab(("a", -1), ("ab", -1)), null, false);
        Assert.Equal(["ab"], Pieces(model, "ab")); // 'b' alone has no piece, but "ab" already reaches its end
        Assert.Throws<TokenizationException>(() => Pieces(model, "b"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomVocabulariesMatchTheReference(int seed)
    {
        var random = new Random(seed);
        string[] alphabet = ["a", "b", "c", "é", "東", "😀", "<", ">", "u", "n", "k"];
        string[] textAlphabet = [.. alphabet, "x", "ü", "<unk>", "<0x61>"];
        double[] scores = [0, -0.5, -1, -1.5, -2, -3, -0.1, -0.2, -0.30000000000000004];
        for (int round = 0; round < 300; round++)
        {
            var vocab = new List<(string, double)>();
            int? unkId = random.Next(5) == 0 ? null : 0;
            if (unkId is not null)
                vocab.Add(("<unk>", 0));
            int size = random.Next(1, 30);
            for (int i = 0; i < size; i++)
                vocab.Add((string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => alphabet[random.Next(alphabet.Length)])), scores[random.Next(scores.Length)]));
            bool byteFallback = random.Next(2) == 0;
            if (byteFallback)
                foreach (byte b in "xü<unk>a"u8.ToArray().Distinct())
                    if (random.Next(4) != 0)
                        vocab.Add(($"<0x{b:X2}>", scores[random.Next(scores.Length)]));
            var model = new UnigramModel(vocab, unkId, byteFallback);
            for (int probe = 0; probe < 20; probe++)
            {
                string text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => textAlphabet[random.Next(textAlphabet.Length)]));
                List<(int, int, int)>? expected;
                try
                {
                    expected = NaiveUnigram.Tokenize(vocab, unkId, byteFallback, text);
                }
                catch (InvalidOperationException)
                {
                    expected = null;
                }
                if (expected is null)
                {
                    Assert.Throws<TokenizationException>(() => Tokens(model, text));
                }
                else
                {
                    Assert.Equal(expected, Tokens(model, text));
                    Assert.Equal(expected, Tokens(model, text)); // again: short pieces now come from the cache
                }
            }
        }
    }

    [Fact]
    public void TheCacheGivesTheViterbiTokensFromAnyThread()
    {
        var vocab = Vocab(("<unk>", 0), ("ab", -1), ("a", -2), ("b", -2), ("aba", -2.5), ("<0x78>", -3), ("東", -1));
        var cached = new UnigramModel(vocab, 0, true);
        var plain = new UnigramModel(vocab, 0, true) { CachePieces = false };
        var random = new Random(9);
        string[] texts = [.. Enumerable.Range(0, 400).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => new[] { "a", "b", "x", "東", "y" }[random.Next(5)])))];
        var expected = texts.Select(t => Tokens(plain, t)).ToList();
        Parallel.For(0, 8, _ =>
        {
            for (int round = 0; round < 20; round++)
                for (int i = 0; i < texts.Length; i++)
                    Assert.Equal(expected[i], Tokens(cached, texts[i]));
        });
    }

    [Fact]
    public void LongPiecesUseAPooledTable()
    {
        var model = new UnigramModel(Vocab(("<unk>", 0), ("ab", -1), ("a", -2), ("b", -2), ("aba", -2.5)), 0, false);
        string text = string.Concat(Enumerable.Repeat("abaxab", 500));
        Assert.Equal(NaiveUnigram.Tokenize([.. model.Pieces], 0, false, text), Tokens(model, text));
    }

    private const string Json = """{"type":"Unigram","unk_id":0,"vocab":[["<unk>",0.0],["a",-1.5],["b",-2.0],["ab",-1.25],["c",1e-7]],"byte_fallback":true}""";

    private static UnigramModel Read(string json) =>
        UnigramModel.FromJson(new JsonObject(TestJson.Node(json), "t.json", "$.model"));

    [Fact]
    public void ReadsAndWritesHuggingFaceJson()
    {
        UnigramModel model = Read(Json);
        Assert.True(model.ByteFallback);
        Assert.Equal(0, model.UnkId);
        Assert.Equal(-2.0, model.MinScore);
        Assert.Equal(Json, WordPieceModelTests.Write(model));
        Assert.Equal(Tokens(model, "abcab"), Tokens(Read(WordPieceModelTests.Write(model)), "abcab"));
    }

    [Fact]
    public void ScoresAreReadAsHuggingFaceReadsThem()
    {
        // 17 significant digits round twice in serde_json: Hugging Face reads this as -2.0 (and saves it so).
        UnigramModel model = Read("""{"type":"Unigram","unk_id":null,"vocab":[["a",-1.9999999999999998]]}""");
        Assert.Equal(-2.0, model.Pieces[0].Score);
        Assert.Equal("""{"type":"Unigram","unk_id":null,"vocab":[["a",-2.0]],"byte_fallback":false}""", WordPieceModelTests.Write(model));
    }

    [Fact]
    public void ANullUnknownIdAndAMissingByteFallbackAreAccepted()
    {
        UnigramModel model = Read("""{"type":"Unigram","unk_id":null,"vocab":[["a",-1.0]]}""");
        Assert.Null(model.UnkId);
        Assert.False(model.ByteFallback);
        Assert.Equal("""{"type":"Unigram","unk_id":null,"vocab":[["a",-1.0]],"byte_fallback":false}""", WordPieceModelTests.Write(model));
    }

    [Theory]
    [InlineData("""{"type":"Unigram","unk_id":0}""", "missing field 'vocab'")]
    [InlineData("""{"type":"Unigram","vocab":{"a":1}}""", "$.model.vocab")]
    [InlineData("""{"type":"Unigram","vocab":[["a"]]}""", "$.model.vocab[0]")]
    [InlineData("""{"type":"Unigram","vocab":[["a",-1],[2,-1]]}""", "$.model.vocab[1]")]
    [InlineData("""{"type":"Unigram","vocab":[["a","-1"]]}""", "$.model.vocab[0]")]
    [InlineData("""{"type":"Unigram","vocab":[["a",1e999]]}""", "$.model.vocab[0][1]")]
    [InlineData("""{"type":"Unigram","unk_id":1,"vocab":[["a",-1]]}""", "$.model.unk_id")]
    [InlineData("""{"type":"Unigram","unk_id":-1,"vocab":[["a",-1]]}""", "$.model.unk_id")]
    [InlineData("""{"type":"Unigram","unk_id":0,"vocab":[]}""", "$.model.unk_id")]
    [InlineData("""{"type":"Unigram","unk_id":"0","vocab":[["a",-1]]}""", "$.model.unk_id")]
    [InlineData("""{"type":"Unigram","vocab":[["a",-1]],"byte_fallback":1}""", "$.model.byte_fallback")]
    public void MalformedModelsAreNamed(string json, string where)
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Read(json));
        Assert.Contains(where, e.Message, StringComparison.Ordinal);
        Assert.Equal("t.json", e.FilePath);
    }

    [Theory]
    // Hugging Face's values: tokenizers 0.23.2 (Node binding), Tokenizer.fromString(the case's tokenizer.json),
    // (await t.encode(text, null, {addSpecialTokens: false})).getTokens(). An unknown token's string is the normalized
    // text it covers (a fused run: "☃☃"), not "<unk>"; with byte_fallback it is the <0xHH> pieces.
    [InlineData("unigram-metaspace", "a ☃☃ b 𝄞x", new[] { "▁a", "▁", "☃☃", "▁", "b", "▁", "𝄞", "x" })]
    [InlineData("unigram-split", "ﬁ Ω Ǆ", new[] { "▁", "ﬁ", "▁", "Ω", "▁", "Ǆ" })]
    [InlineData("unigram-bytefallback", "ﬁ Ω Ǆ", new[] { "▁", "<0xEF>", "<0xAC>", "<0x81>", "▁", "Ω", "▁", "<0xC7>", "<0x84>" })]
    public void AnUnknownTokensStringIsTheTextItCovers(string name, string text, string[] expected)
    {
        TokenEncoding encoding = HuggingFaceGoldens.Load(name).Encode(text, addSpecialTokens: false);
        Assert.Equal(expected, encoding.Tokens);
    }

    [Fact]
    public void ThePipelineReadsAnUntaggedUnigram()
    {
        Tokenizer tokenizer = Tokenizer.FromJson("""{"model":{"unk_id":0,"vocab":[["<unk>",0.0],["a",-1.0],["b",-1.0],["ab",-1.5]]}}""");
        Assert.Equal([3], tokenizer.EncodeToIds("ab"));
    }
}
