using System.Text;
using System.Text.Json.Nodes;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// BERT's vocab.txt loaded as Hugging Face's <c>BertWordPieceTokenizer</c> builds it. Conformance on every golden input
/// is the bert-vocab-txt case of <see cref="HuggingFaceConformanceTests"/> and <see cref="HuggingFaceDecodeTests"/>.
/// </summary>
public sealed class BertVocabularyReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-bert-vocab-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string CaseFolder => Path.Combine(HuggingFaceGoldens.Root, "cases", "bert-vocab-txt", "folder");

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void TheFolderGivesThePipelineHuggingFaceBuildsFromIt()
    {
        // The case's tokenizer.json is Hugging Face's own serialization of what it built from the same vocab.txt
        // (tests/goldens/make-hf-folder-cases.mjs).
        string saved = Path.Combine(_folder, "tokenizer.json");
        Tokenizer.Load(CaseFolder).Save(saved);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse(File.ReadAllText(HuggingFaceGoldens.TokenizerPath("bert-vocab-txt"))), JsonNode.Parse(File.ReadAllText(saved))));
    }

    [Theory]
    // Hugging Face's values: tokenizers 0.23.2 (Node binding), the case's vocab.txt built as make-hf-folder-cases.mjs
    // builds it with bertNormalizer({cleanText: true, handleChineseChars: true, lowercase}), then
    // encode(text, null, {addSpecialTokens: true}): getIds(), getOffsets().
    [InlineData(true, new[] { 2, 2628, 1781, 4982, 1255, 1251, 16, 1572, 5580, 4, 4438, 5, 3 },
        new[] { 0, 0, 0, 3, 3, 5, 6, 9, 9, 10, 10, 11, 11, 12, 13, 16, 17, 25, 26, 32, 33, 39, 39, 40, 0, 0 })]
    [InlineData(false, new[] { 2, 1, 1, 16, 1572, 1, 4, 1, 5, 3 },
        new[] { 0, 0, 0, 5, 6, 11, 11, 12, 13, 16, 17, 25, 26, 32, 33, 39, 39, 40, 0, 0 })]
    public void LowercaseIsAChoice(bool lowercase, int[] ids, int[] offsets)
    {
        TokenEncoding encoding = Tokenizer.LoadBertVocabulary(Path.Combine(CaseFolder, "vocab.txt"), lowercase)
            .Encode("Héllo World, the Question [MASK] résumé!");
        Assert.Equal(ids, encoding.Ids);
        Assert.Equal(offsets.Chunk(2).Select(p => (p[0], p[1])), encoding.Offsets);
    }

    [Fact]
    public void SpecialTokensAreThoseTheVocabularyHas()
    {
        Tokenizer tokenizer = Tokenizer.LoadBertVocabulary(Write("vocab.txt", "[CLS]\n[SEP]\n[UNK]\nhello\n##s\n"u8.ToArray()));
        Assert.Equal(["[CLS]", "[SEP]", "[UNK]"], tokenizer.AddedTokens.Select(t => t.Token.Content));
        Assert.All(tokenizer.AddedTokens, t => Assert.True(t.Token.Special));
        // Hugging Face (Node binding 0.23.2, the same file built as make-hf-folder-cases.mjs builds vocab.txt): these ids.
        Assert.Equal([0, 3, 4, 2, 2, 2, 1], tokenizer.Encode("Hellos [MASK]").Ids);
    }

    [Fact]
    public void LinesLoseTrailingWhitespaceAsHuggingFaceReadsThem()
    {
        // WordPiece::read_file: lines split at \n, trim_end: CRLF files read as LF ones (Hugging Face, Node binding
        // 0.23.2, gives these ids with this file).
        Tokenizer tokenizer = Tokenizer.LoadBertVocabulary(Write("vocab.txt", "[CLS]\r\n[SEP] \r\n[UNK]\r\nhello\r\n##s"u8.ToArray()));
        Assert.Equal([0, 3, 4, 1], tokenizer.Encode("hellos").Ids);
    }

    [Theory]
    [InlineData("[CLS]\n[SEP]\n\nhello\n", 3, "a blank line")]
    [InlineData("[CLS]\n[SEP]\n  \t\nhello\n", 3, "a blank line")]
    [InlineData("[CLS]\n[SEP]\nhello\nhello\n", 4, "the token is on line 3 already")]
    [InlineData("[CLS]\n[SEP]\nhello\r\nhello\n", 4, "the token is on line 3 already")]
    [InlineData("[CLS]\n[SEP]\nhel\u00FFlo\n", 3, "invalid UTF-8")]
    [InlineData("[CLS]\nhello\n", 0, "no [SEP] token")]
    [InlineData("[SEP]\nhello\n", 0, "no [CLS] token")]
    [InlineData("", 0, "no [SEP] token")]
    public void MalformedVocabulariesNameTheFileAndLine(string text, int line, string problem)
    {
        // \u00FF stands for the byte 0xFF, never valid in UTF-8.
        byte[] bytes = [.. text.Select(c => c == '\u00FF' ? (byte)0xFF : (byte)c)];
        string path = Write("vocab.txt", bytes);
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.Load(_folder));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutTokenizerFilesIsNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Tokenizer.Load(_folder));
        Assert.Contains("vocab.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenizerJsonInTheFolderComesFirst()
    {
        Write("vocab.txt", Encoding.UTF8.GetBytes("[CLS]\n[SEP]\n"));
        File.Copy(HuggingFaceGoldens.TokenizerPath("wordlevel-whitespace"), Path.Combine(_folder, "tokenizer.json"));
        Assert.Equal("WordLevel", Tokenizer.Load(_folder).ModelType);
    }
}
