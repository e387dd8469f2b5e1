using System.Security.Cryptography;
using Tessera.Formats.Tiktoken;

namespace Tessera.Tests.Formats;

/// <summary>The embedded rank data is exactly OpenAI's: written back as .tiktoken it has tiktoken's SHA-256 pin.</summary>
public sealed class EmbeddedEncodingTests
{
    [Theory]
    [MemberData(nameof(Conformance.TiktokenConformanceTests.Encodings), MemberType = typeof(Conformance.TiktokenConformanceTests))]
    public void EmbeddedRanksHaveTiktokensPin(string encoding)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        var table = tokenizer.Encoder.Table;
        var tokens = Enumerable.Range(0, table.MaxRank + 1).Select(r => table.Contains(r) ? table.BytesOf(r).ToArray() : null).ToList();
        string sha = Convert.ToHexStringLower(SHA256.HashData(TiktokenFileWriter.ToBytes(tokens)));
        Assert.Equal(TiktokenDefinition.Find(encoding)!.RankFileSha256, sha);
    }

    [Theory]
    [MemberData(nameof(Conformance.TiktokenConformanceTests.Encodings), MemberType = typeof(Conformance.TiktokenConformanceTests))]
    public void FetchedFileLoadsToTheSameEncoding(string encoding)
    {
        string path = TestPaths.TiktokenAsset(encoding);
        Assert.Equal(TiktokenDefinition.Find(encoding)!.RankFileSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        var loaded = TiktokenTokenizer.LoadAs(path, encoding);
        var builtIn = TiktokenTokenizer.Get(encoding);
        Assert.Equal(builtIn.VocabularySize, loaded.VocabularySize);
        for (int id = 0; id < builtIn.VocabularySize; id++)
        {
            Assert.Equal(builtIn.TryGetTokenBytes(id, out var a), loaded.TryGetTokenBytes(id, out var b));
            Assert.True(a.SequenceEqual(b), $"token {id} differs");
        }
        string text = "Loaded from the file: 123 héllo 😀 <|endoftext|>";
        Assert.Equal(builtIn.Encode(text, SpecialTokenPolicy.AllowAll), loaded.Encode(text, SpecialTokenPolicy.AllowAll));
    }

    [Theory]
    [InlineData("r50k_base", 50257)]
    [InlineData("p50k_base", 50281)]
    [InlineData("cl100k_base", 100277)]
    [InlineData("o200k_base", 200019)]
    public void VocabularySizeIsTiktokensNVocab(string encoding, int nVocab) =>
        Assert.Equal(nVocab, TiktokenTokenizer.Get(encoding).VocabularySize);

    [Fact]
    public void UnknownEncodingNamesTheBuiltIns()
    {
        var error = Assert.Throws<ArgumentException>(() => TiktokenTokenizer.Get("o300k_base"));
        Assert.Contains("o200k_base", error.Message, StringComparison.Ordinal);
    }
}
