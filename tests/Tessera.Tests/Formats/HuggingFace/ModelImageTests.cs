using System.Text;
using Tessera.Formats.HuggingFace;
using Tessera.Models;
using Tessera.Models.Bpe;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// The BPE models of large tokenizer.json files kept on disk (<see cref="ModelImageCache"/>): a model mapped from its
/// image has the tables of the model read from the file and encodes as Hugging Face does; an image is shared by files
/// that differ only before the vocabulary, and never used for a model it does not fit, nor when damaged, cut short or
/// written by another build.
/// </summary>
public sealed class ModelImageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tessera-images-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<string> Models() => ["llama3", "qwen3", "gemma3", "mistral7b", "deepseek_v3", "gpt4o", "gpt35turbo", "claude"];

    /// <summary>Reads a tokenizer.json with the cache in the test's folder, and waits for the image it writes, if any.</summary>
    private (TokenizerPipeline Pipeline, ModelImageCache Cache) Read(byte[] utf8, string file = "tokenizer.json")
    {
        var cache = new ModelImageCache(_folder);
        TokenizerPipeline pipeline = TokenizerJsonReader.Read(utf8, file, cache);
        cache.WaitForSave();
        return (pipeline, cache);
    }

    private static BpeModel Model(TokenizerPipeline pipeline) => (BpeModel)pipeline.Model;

    private static bool Mapped(TokenizerPipeline pipeline) => Model(pipeline).Strings.Table.IsMapped;

    private string[] Images() => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*.image") : [];

    [Theory]
    [MemberData(nameof(Models))]
    public void AMappedModelHasTheTablesOfTheReadOneAndEncodesAsHuggingFace(string name)
    {
        string path = TestPaths.HuggingFaceAsset(name);
        byte[] utf8 = File.ReadAllBytes(path);
        TokenizerPipeline read = Read(utf8).Pipeline;
        Assert.False(Mapped(read));
        Assert.Single(Images());
        TokenizerPipeline mapped = Read(utf8).Pipeline;
        Assert.True(Mapped(mapped));

        AssertSameTables(Model(read), Model(mapped));
        Assert.Equal(Model(read).Options, Model(mapped).Options);
        var tokenizer = new Tokenizer(mapped, path);
        foreach (string input in GoldenFiles.InputNames())
        {
            List<string> failures = HuggingFaceGoldens.Failures(tokenizer, name, input);
            Assert.True(failures.Count == 0, $"{name}: {string.Join("\n", failures)}");
        }
    }

    private static void AssertSameTables(BpeModel expected, BpeModel actual)
    {
        StringVocabulary e = expected.Strings, a = actual.Strings;
        bool byteLevelKept = e.ByteLevelTableWanted; // built for a byte-level pipeline before the image was written
        Assert.Equal(e.Count, a.Count);
        Assert.Equal(e.IdLimit, a.IdLimit);
        Assert.Equal(e.Table.HasDuplicateKeys, a.Table.HasDuplicateKeys);
        for (int id = 0; id < e.IdLimit; id++)
        {
            ReadOnlySpan<byte> token = e.Utf8Of(id);
            Assert.True(token.SequenceEqual(a.Utf8Of(id)), $"token {id}");
            if (!token.IsEmpty)
                Assert.Equal(e.IdOf(token), a.IdOf(token));
        }
        Assert.Equal(expected.Triples.ToArray(), actual.Triples.ToArray());
        foreach (MergeTriple merge in expected.Triples)
            Assert.Equal(expected.Merges.Find(merge.Left, merge.Right), actual.Merges.Find(merge.Left, merge.Right));
        Assert.Equal(MergeRanks.None, actual.Merges.Find(e.IdLimit, 0));

        RankTable? eb = e.ByteLevelTable, ab = a.ByteLevelTable;
        Assert.Equal(eb is null, ab is null);
        if (eb is null || ab is null)
            return;
        Assert.Equal(byteLevelKept, ab.IsMapped);
        Assert.Equal(eb.MaxRank, ab.MaxRank);
        Assert.Equal(eb.Count, ab.Count);
        for (int rank = 0; rank <= eb.MaxRank; rank++)
        {
            ReadOnlySpan<byte> token = eb.BytesOf(rank);
            Assert.True(token.SequenceEqual(ab.BytesOf(rank)), $"byte-level token {rank}");
            if (!token.IsEmpty)
                Assert.Equal(rank, ab.RankOf(token));
        }
        for (int pair = 0; pair < 65536; pair++)
            Assert.Equal(eb.RankOfPair((byte)(pair >> 8), (byte)pair), ab.RankOfPair((byte)(pair >> 8), (byte)pair));
    }

    /// <summary>
    /// Two files whose bytes differ only before the vocabulary (an added token, the normalizer) map one image, and each
    /// reads as it does without any.
    /// </summary>
    [Fact]
    public void FilesDifferingOnlyBeforeTheVocabularyShareAnImage()
    {
        string path = TestPaths.HuggingFaceAsset("llama3");
        byte[] original = File.ReadAllBytes(path);
        string text = Encoding.UTF8.GetString(original);
        byte[] edited = Encoding.UTF8.GetBytes(text.Replace("\"normalizer\": null", "\"normalizer\": {\"type\": \"NFC\"}", StringComparison.Ordinal)
            .Replace("<|reserved_special_token_0|>", "<|a_longer_reserved_special_token_0|>", StringComparison.Ordinal));
        Assert.NotEqual(original.Length, edited.Length);

        Read(original);
        TokenizerPipeline mapped = Read(edited).Pipeline;
        Assert.True(Mapped(mapped));
        Assert.Single(Images());
        TokenizerPipeline fresh = TokenizerJsonReader.Read(edited, "tokenizer.json", null);
        Assert.Equal(Written(fresh), Written(mapped));
        const string Sample = "Héllo wörld <|a_longer_reserved_special_token_0|> ½ x";
        Assert.Equal(new Tokenizer(fresh, null).EncodeToIds(Sample), new Tokenizer(mapped, null).EncodeToIds(Sample));
    }

    private static byte[] Written(TokenizerPipeline pipeline)
    {
        using var output = new MemoryStream();
        TokenizerJsonWriter.Write(pipeline, output);
        return output.ToArray();
    }

    /// <summary>
    /// The merges' ids depend on <c>continuing_subword_prefix</c>, written before the vocabulary: with "##" the merge
    /// "a ##b" makes "ab"; without, "a##b". A file differing from another only there does not use its image.
    /// </summary>
    [Fact]
    public void AnImageMadeWithAnotherContinuingSubwordPrefixIsNotUsed()
    {
        byte[] withPrefix = LargeBpe("\"##\""), withoutPrefix = LargeBpe("null");
        Assert.Equal([new MergeTriple(0, 1, 2)], Model(Read(withPrefix).Pipeline).Triples.ToArray());
        TokenizerPipeline other = Read(withoutPrefix).Pipeline;
        Assert.False(Mapped(other));
        Assert.Equal([new MergeTriple(0, 1, 3)], Model(other).Triples.ToArray());
        Assert.Single(Images()); // the second file's image replaced the first's (they share a name)
        Assert.Equal([new MergeTriple(0, 1, 3)], Model(Read(withoutPrefix).Pipeline).Triples.ToArray());
        Assert.True(Mapped(Read(withoutPrefix).Pipeline));
    }

    /// <summary>
    /// A BPE tokenizer.json of over a megabyte: "a", "##b", "ab", "a##b", then filler tokens; one merge, "a ##b" (written
    /// after the vocabulary, or else before it).
    /// </summary>
    private static byte[] LargeBpe(string prefix, bool mergesFirst = false)
    {
        string merges = """ "merges": ["a ##b"]""";
        var json = new StringBuilder($$"""{"model": {"type": "BPE", {{(mergesFirst ? merges + "," : "")}} "continuing_subword_prefix": {{prefix}}, "vocab": {"a": 0, "##b": 1, "ab": 2, "a##b": 3""");
        for (int id = 4; json.Length < ModelImageCache.From + 1000; id++)
            json.Append(System.Globalization.CultureInfo.InvariantCulture, $", \"filler{id}\": {id}");
        json.Append(mergesFirst ? "}}}" : $"}},{merges}}}}}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>An image names where the merges are after the vocabulary: a file with its merges first keeps none.</summary>
    [Fact]
    public void AFileWithItsMergesBeforeItsVocabularyIsReadAndKeepsNoImage()
    {
        byte[] utf8 = LargeBpe("\"##\"", mergesFirst: true);
        for (int i = 0; i < 2; i++)
        {
            TokenizerPipeline read = Read(utf8).Pipeline;
            Assert.False(Mapped(read));
            Assert.Equal([new MergeTriple(0, 1, 2)], Model(read).Triples.ToArray());
        }
        Assert.Empty(Images());
    }

    [Fact]
    public void ADamagedOrShortImageIsNotUsedAndIsWrittenAgain()
    {
        byte[] utf8 = LargeBpe("null");
        Read(utf8);
        string image = Assert.Single(Images());
        byte[] whole = File.ReadAllBytes(image);

        byte[] damaged = (byte[])whole.Clone();
        damaged[damaged.Length / 2] ^= 1;
        File.WriteAllBytes(image, damaged);
        TokenizerPipeline read = Read(utf8).Pipeline;
        Assert.False(Mapped(read));
        Assert.Equal([new MergeTriple(0, 1, 3)], Model(read).Triples.ToArray());
        Assert.Equal(whole, File.ReadAllBytes(image)); // written again, whole

        File.WriteAllBytes(image, whole[..^4096]);
        Assert.False(Mapped(Read(utf8).Pipeline));
        Assert.True(Mapped(Read(utf8).Pipeline));
    }

    [Fact]
    public void AnImageOfAnotherBuildOrFileIsNotUsed()
    {
        byte[] utf8 = LargeBpe("null");
        var cache = new ModelImageCache(_folder);
        Read(utf8);
        using var file = Tessera.Internal.MappedFile.TryOpen(Assert.Single(Images()))!;
        int vocabularyStart = Encoding.UTF8.GetString(utf8).IndexOf("\"vocab\": ", StringComparison.Ordinal) + "\"vocab\": ".Length;
        var source = BpeModelImage.Source.Of(utf8.AsSpan(vocabularyStart));
        Assert.Equal(cache.PathOf(source), Assert.Single(Images()));
        Assert.NotNull(BpeModelImage.Read(file, source, Tessera.Internal.TableCache.Build));
        Assert.Null(BpeModelImage.Read(file, source, Guid.NewGuid()));
        Assert.Null(BpeModelImage.Read(file, source with { Checksum = source.Checksum + 1 }, Tessera.Internal.TableCache.Build));
        Assert.Null(BpeModelImage.Read(file, source with { Length = source.Length + 1 }, Tessera.Internal.TableCache.Build));
    }

    [Fact]
    public void SmallFilesAreNotKept()
    {
        string small = HuggingFaceGoldens.TokenizerPath("bytelevel-sequence");
        Read(File.ReadAllBytes(small));
        Assert.Empty(Images());
    }
}
