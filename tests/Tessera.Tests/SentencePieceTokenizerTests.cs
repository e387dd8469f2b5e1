using System.Text;
using Tessera.Tests.Conformance;

namespace Tessera.Tests;

/// <summary>The public SentencePiece API: arguments, errors, the string and byte forms, threads, worst cases.</summary>
public sealed class SentencePieceTokenizerTests
{
    private static SentencePieceTokenizer Model(string name) => SentencePieceConformanceTests.Model(name);

    [Fact]
    public void NullArgumentsThrow()
    {
        SentencePieceTokenizer tokenizer = Model("unigram-8k");
        Assert.Throws<ArgumentNullException>(() => SentencePieceTokenizer.Load(null!));
        Assert.Throws<ArgumentNullException>(() => tokenizer.EncodeToIds((string)null!));
        Assert.Throws<ArgumentNullException>(() => tokenizer.CountTokens(null!));
        Assert.Throws<ArgumentNullException>(() => tokenizer.PieceToId(null!));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8000)]
    [InlineData(int.MaxValue)]
    public void UnknownIdsThrowNamingTheId(int id)
    {
        SentencePieceTokenizer tokenizer = Model("unigram-8k");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([5, id]));
        Assert.Equal(id, error.ActualValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.IdToPiece(id));
    }

    [Theory]
    [InlineData("unigram-8k")]
    [InlineData("bpe-8k-byte-fallback")]
    [InlineData("char")]
    [InlineData("word-4k-identity")]
    public void StringAndUtf8FormsAgree(string model)
    {
        SentencePieceTokenizer tokenizer = Model(model);
        foreach (string document in GoldenFiles.Documents("adversarial").Concat(GoldenFiles.Documents("multilingual")).Take(500))
        {
            int[] ids = tokenizer.EncodeToIds(document);
            Assert.Equal(ids, tokenizer.EncodeToIds(Encoding.UTF8.GetBytes(document)));
            Assert.Equal(ids.Length, tokenizer.CountTokens(document));
        }
    }

    [Fact]
    public void LoneSurrogatesEncodeAsReplacementCharacters()
    {
        SentencePieceTokenizer tokenizer = Model("bpe-8k-byte-fallback");
        Assert.Equal(tokenizer.EncodeToIds("a\uFFFDb"), tokenizer.EncodeToIds("a\uD800b"));
    }

    [Fact]
    public void EmptyAndWhitespaceOnlyTextsHaveNoIds()
    {
        SentencePieceTokenizer tokenizer = Model("unigram-8k");
        Assert.Empty(tokenizer.EncodeToIds(""));
        Assert.Empty(tokenizer.EncodeToIds("   \t "));
        Assert.Equal("", tokenizer.Decode([]));
    }

    [Fact]
    public void ThreadsGetTheSameIds()
    {
        SentencePieceTokenizer[] models = [Model("unigram-8k"), Model("bpe-8k-byte-fallback")];
        List<string> documents = GoldenFiles.Documents("prose-en");
        foreach (SentencePieceTokenizer tokenizer in models)
        {
            int[][] expected = [.. documents.Select(tokenizer.EncodeToIds)];
            var actual = new int[documents.Count][];
            Parallel.For(0, documents.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                i => actual[i % documents.Count] = tokenizer.EncodeToIds(documents[i % documents.Count]));
            for (int i = 0; i < documents.Count; i++)
                Assert.Equal(expected[i], actual[i]);
        }
    }

    public static TheoryData<string, string> WorstCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string model in new[] { "unigram-8k", "bpe-8k-byte-fallback", "bpe-2k-no-split", "bpe-4k-unused", "char", "word-4k-identity" })
            foreach (string unit in new[] { "x", " ", "ab", "\u00E9", "😀", "1", "\u0301" })
                data.Add(model, unit);
        return data;
    }

    [Theory]
    [MemberData(nameof(WorstCases))]
    public async Task MillionFoldRepetitionStaysLinear(string model, string unit)
    {
        SentencePieceTokenizer tokenizer = Model(model);
        string text = new StringBuilder().Insert(0, unit, 1_000_000 / unit.Length).ToString();
        int[] ids = await Task.Run(() => tokenizer.EncodeToIds(text)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ids.Length, tokenizer.CountTokens(text));
        Assert.NotNull(tokenizer.Decode(ids));
    }
}
