using System.Text;
using Tessera.Formats.HuggingFace;
using Tessera.Models.Bpe;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.HuggingFace;

/// <summary>
/// The scan of a BPE tokenizer.json reads what the JSON reader reads (the same file written back), and gives way to
/// the JSON reader, or refuses the same way, on every shape it does not read.
/// </summary>
public sealed class ScannedBpeReaderTests
{
    public static TheoryData<string> BpeFiles()
    {
        var files = new TheoryData<string>();
        foreach (string folder in Directory.EnumerateDirectories(Path.Combine(HuggingFaceGoldens.Root, "cases")).Order(StringComparer.Ordinal))
        {
            string file = Path.Combine(folder, "tokenizer.json");
            if (File.Exists(file) && File.ReadAllText(file).Contains("\"type\": \"BPE\"", StringComparison.Ordinal))
                files.Add(file);
        }
        foreach (string model in new[] { "llama3", "qwen3", "mistral7b", "gemma3", "deepseek_v3" })
            files.Add(TestPaths.HuggingFaceAsset(model));
        return files;
    }

    [Theory]
    [MemberData(nameof(BpeFiles))]
    public void ScanReadsWhatTheJsonReaderReads(string file)
    {
        byte[] utf8 = File.ReadAllBytes(file);
        TokenizerPipeline? scanned = ScannedBpeReader.TryRead(utf8, file);
        Assert.NotNull(scanned);
        TokenizerPipeline read = TokenizerJsonReader.ReadDocument(utf8, file);
        Assert.Equal(Written(read), Written(scanned));
        AssertSameMerges(read, scanned);
    }

    /// <summary>
    /// Two tokens with the same bytes: the token a merge makes is not taken from next to the one the merge before made
    /// (which here has the bytes of "ab" at id 5), but searched for, as the JSON reader's merges are.
    /// </summary>
    [Fact]
    public void AMergeIntoATokenListedTwiceIsResolvedAsTheJsonReaderResolvesIt()
    {
        byte[] utf8 = """{"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4, "ab": 5}, "merges": ["b c", "a b"]}}"""u8.ToArray();
        TokenizerPipeline? scanned = ScannedBpeReader.TryRead(utf8, "t.json");
        Assert.NotNull(scanned);
        AssertSameMerges(TokenizerJsonReader.ReadDocument(utf8, "t.json"), scanned);
    }

    /// <summary>
    /// A large file (its merges are read ahead, found by searching back from the end) with another "merges" array after
    /// the model's: the read-ahead found that one, so it is not used, and the model's own merges are read.
    /// </summary>
    [Fact]
    public void MergesReadAheadFromTheWrongPlaceAreNotUsed()
    {
        var json = new StringBuilder("""{"version": "1.0", "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2""");
        for (int id = 3; json.Length < 1_200_000; id++)
            json.Append(System.Globalization.CultureInfo.InvariantCulture, $", \"token{id}\": {id}");
        json.Append("""}, "merges": ["a b"]}, "notes": {"merges": ["b a"]}}""");
        byte[] utf8 = Encoding.UTF8.GetBytes(json.ToString());
        TokenizerPipeline? scanned = ScannedBpeReader.TryRead(utf8, "t.json");
        Assert.NotNull(scanned);
        TokenizerPipeline read = TokenizerJsonReader.ReadDocument(utf8, "t.json");
        AssertSameMerges(read, scanned);
        Assert.Equal([new MergeTriple(0, 1, 2)], ((BpeModel)scanned.Model).Triples.ToArray());
    }

    /// <summary>
    /// Shapes the scan reads itself: escapes in tokens and merges, both merge forms, merges before the vocabulary, odd
    /// white space (runs longer than the scan's 16-byte steps), long tokens with escapes past their first 16 bytes, no merges.
    /// </summary>
    [Theory]
    [InlineData("""{"a": 0, "b": 1, "ab": 2, "\u0063": 3, "a\"b": 4, "\\": 5, "\"b": 6, "\\a": 7}""", """["a b", ["a", "\"b"], "\\ a"]""")]
    [InlineData("""{"a":0,"b":1,"ab":2}""", """[ [ "a" , "b" ] ]""")]
    [InlineData("""{ "a" : 0 ,	"b" : 1 , "ab" : 2 }""", """["a b"]""")]
    [InlineData("""{"a": 0, "b": 1}""", null)]
    [InlineData("""{"b": 1, "a": 0, "ab": 7}""", """["a b"]""")]
    [InlineData("{\"a\": 0,                                        \"b\": 1,\n\n\n                    \"a long token of more than thirty-two bytes, with a \\\"quote\\\" after sixteen\": 2, \"ab\": 3}",
        """[                                   "a b"                                    ]""")]
    public void ScannedShapesMatchTheJsonReader(string vocab, string? merges)
    {
        string model = merges is null
            ? $$"""{"type": "BPE", "vocab": {{vocab}}}"""
            : $$"""{"merges": {{merges}}, "type": "BPE", "dropout": null, "vocab": {{vocab}}}""";
        byte[] utf8 = Encoding.UTF8.GetBytes($$"""{"version": "1.0", "added_tokens": [], "model": {{model}}, "decoder": null}""");
        TokenizerPipeline? scanned = ScannedBpeReader.TryRead(utf8, "t.json");
        Assert.NotNull(scanned);
        Assert.Equal(Written(TokenizerJsonReader.ReadDocument(utf8, "t.json")), Written(scanned));
    }

    /// <summary>Shapes the scan leaves to the JSON reader: malformed JSON, untagged or repeated models, vocabularies that are not objects, merges with two spaces.</summary>
    [Theory]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0,}, "merges": []}}""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": -1}, "merges": []}}""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b c"]}}""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [["a"]]}}""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}} trailing""")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a	": 0}, "merges": []}}""")]
    [InlineData("""{"model": {"vocab": [["a", 0.0]], "unk_id": 0}}""")]
    [InlineData("""{"model": {"type": "Unigram", "vocab": [["a", 0.0]], "unk_id": 0}, "model": {"type": "Unigram", "vocab": [["b", 0.0]], "unk_id": 0}}""")]
    [InlineData("""{"model": {"type": "Unigram", "vocab": [["a", 0.0],], "unk_id": 0}}""")]
    [InlineData("""{"normalizer": {"type": "Lowercase",}, "model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}}""")]
    public void OtherShapesAreLeftToTheJsonReader(string json)
    {
        Assert.Null(ScannedBpeReader.TryRead(Encoding.UTF8.GetBytes(json), "t.json"));
    }

    /// <summary>Unigram, WordPiece and WordLevel models are read as JSON trees in the same scan, as the JSON reader reads them.</summary>
    [Theory]
    [InlineData("""{"model": {"type": "WordLevel", "vocab": {"a": 0}, "unk_token": "a"}}""")]
    [InlineData("""{"version": "1.0", "normalizer": {"type": "Lowercase"}, "model": {"type": "Unigram", "vocab": [["a", 0.0], ["b", -1.5]], "unk_id": 0}, "decoder": null}""")]
    [InlineData("""{"model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": {"[UNK]": 0, "a": 1, "##b": 2}}}""")]
    public void OtherModelsAreReadAsTheJsonReaderReadsThem(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        TokenizerPipeline? scanned = ScannedBpeReader.TryRead(utf8, "t.json");
        Assert.NotNull(scanned);
        Assert.Equal(Written(TokenizerJsonReader.ReadDocument(utf8, "t.json")), Written(scanned));
    }

    [Fact]
    public void AMalformedPieceOfAnotherModelIsRefusedAsTheJsonReaderRefusesIt()
    {
        byte[] utf8 = """{"model": {"type": "Unigram", "vocab": [["a", "x"]], "unk_id": 0}}"""u8.ToArray();
        var scanned = Assert.Throws<TokenizerFormatException>(() => ScannedBpeReader.TryRead(utf8, "t.json"));
        var read = Assert.Throws<TokenizerFormatException>(() => TokenizerJsonReader.ReadDocument(utf8, "t.json"));
        Assert.Equal(read.Message, scanned.Message);
    }

    /// <summary>
    /// Large files (their merges read ahead on the load's helper thread from the start, and resolved in two halves, one
    /// on that thread) whose merges are written as Hugging Face does not write them: the read-ahead finds them by its
    /// second search, or not at all, and the scan reads what the JSON reader reads either way.
    /// </summary>
    [Theory]
    [InlineData("\"merges\": ", false)]
    [InlineData("\"merges\" : ", false)]
    [InlineData("\"merges\"\n:\n", false)]
    [InlineData("\"merges\":", true)]
    public void LargeFilesAreReadAsTheJsonReaderReadsThem(string mergesName, bool mergesFirst)
    {
        (string vocab, string merges) = LargeModel(fours: 20_000);
        string model = mergesFirst ? $"{mergesName}{merges},\n  \"vocab\": {vocab}" : $"\"vocab\": {vocab},\n  {mergesName}{merges}";
        byte[] utf8 = Encoding.UTF8.GetBytes("""{"version": "1.0", "model": {"type": "BPE", """ + model + "}}");
        Assert.True(utf8.Length > 1 << 20);
        TokenizerPipeline? scanned = ScannedBpeReader.TryRead(utf8, "t.json");
        Assert.NotNull(scanned);
        TokenizerPipeline read = TokenizerJsonReader.ReadDocument(utf8, "t.json");
        AssertSameMerges(read, scanned);
        Assert.True(((BpeModel)scanned.Model).Triples.Length > 32_768);
    }

    /// <summary>
    /// A large model whose type comes after its vocabulary: the merges' read-ahead starts with the vocabulary and is
    /// called off at the type; the model is read as the JSON reader reads it.
    /// </summary>
    [Fact]
    public void AReadAheadForAModelOfAnotherTypeIsCalledOff()
    {
        (string vocab, _) = LargeModel(fours: 40_000);
        byte[] utf8 = Encoding.UTF8.GetBytes("""{"model": {"vocab": """ + vocab + """, "type": "WordLevel", "unk_token": "a"}, "notes": {"merges": ["a b"]}}""");
        Assert.True(utf8.Length > 1 << 20);
        TokenizerPipeline? scanned = ScannedBpeReader.TryRead(utf8, "t.json");
        Assert.NotNull(scanned);
        Assert.Equal(Written(TokenizerJsonReader.ReadDocument(utf8, "t.json")), Written(scanned));
    }

    /// <summary>
    /// A BPE model written one entry a line: the letters, every two letters, every two letters and a letter, and
    /// <paramref name="fours"/> pairs of two letters, each made by a merge (with 20,000, 38,252 merges and 1.5 MB).
    /// </summary>
    private static (string Vocab, string Merges) LargeModel(int fours)
    {
        var tokens = new List<string>();
        var merges = new List<(string, string)>();
        string[] letters = [.. Enumerable.Range('a', 26).Select(c => ((char)c).ToString())];
        tokens.AddRange(letters);
        string[] pairs = [.. letters.SelectMany(a => letters.Select(b => a + b))];
        foreach (string pair in pairs)
            merges.Add((pair[..1], pair[1..]));
        tokens.AddRange(pairs);
        foreach (string pair in pairs)
        {
            foreach (string letter in letters)
            {
                tokens.Add(pair + letter);
                merges.Add((pair, letter));
            }
        }
        foreach (string four in pairs.SelectMany(a => pairs.Select(b => a + b)).Take(fours))
        {
            tokens.Add(four);
            merges.Add((four[..2], four[2..]));
        }
        string vocab = "{\n" + string.Join(",\n", tokens.Select((t, id) => $"      \"{t}\": {id}")) + "\n    }";
        string list = "[\n" + string.Join(",\n", merges.Select(m => $"      \"{m.Item1} {m.Item2}\"")) + "\n    ]";
        return (vocab, list);
    }

    /// <summary>
    /// A large file's parts before the model are read on the helper thread while the model is read: a part refused
    /// there is refused as the JSON reader refuses it, and a part named again after the model is read from there (the
    /// last of a repeated name counts).
    /// </summary>
    [Fact]
    public void PartsReadAheadAreTheFilesLastAndFailAsTheJsonReaderFails()
    {
        (string vocab, string merges) = LargeModel(fours: 20_000);
        string model = "\"model\": {\"type\": \"BPE\", \"vocab\": " + vocab + ", \"merges\": " + merges + "}";
        byte[] refused = Encoding.UTF8.GetBytes("""{"normalizer": {"type": "Lowercase"}, "pre_tokenizer": {"type": "NoSuchThing"}, "decoder": null, """ + model + "}");
        Assert.True(refused.Length > 1 << 20);
        var scanned = Assert.ThrowsAny<Exception>(() => ScannedBpeReader.TryRead(refused, "t.json"));
        var read = Assert.ThrowsAny<Exception>(() => TokenizerJsonReader.ReadDocument(refused, "t.json"));
        Assert.Equal(read.GetType(), scanned.GetType());
        Assert.Equal(read.Message, scanned.Message);

        byte[] renamed = Encoding.UTF8.GetBytes("""{"normalizer": {"type": "Lowercase"}, "decoder": {"type": "Fuse"}, """ + model
            + """, "normalizer": {"type": "NFC"}, "decoder": null}""");
        TokenizerPipeline? pipeline = ScannedBpeReader.TryRead(renamed, "t.json");
        Assert.NotNull(pipeline);
        Assert.IsType<Tessera.Normalizers.NfcNormalizer>(pipeline.Normalizer);
        Assert.Null(pipeline.Decoder);
        Assert.Equal(Written(TokenizerJsonReader.ReadDocument(renamed, "t.json")), Written(pipeline));
    }

    /// <summary>
    /// The owner of a file's bytes (its mapping) is disposed once, and only once nothing reads them: by the helper
    /// thread, after its work, when a large file was read with one; before the read returns when the scan gave way to
    /// the JSON reader (which reads the bytes again), for a small file, and when the file is refused.
    /// </summary>
    [Fact]
    public void TheOwnerOfTheBytesIsDisposedOnceNothingReadsThem()
    {
        (string vocab, string merges) = LargeModel(fours: 20_000);
        byte[] large = Encoding.UTF8.GetBytes("""{"model": {"type": "BPE", "vocab": """ + vocab + """, "merges": """ + merges + "}}");
        var owner = new Owner();
        TokenizerPipeline read = TokenizerJsonReader.ReadOwned(large, "t.json", owner);
        Assert.True(owner.Disposed.Wait(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(Environment.CurrentManagedThreadId, owner.Thread);
        AssertSameMerges(TokenizerJsonReader.ReadDocument(large, "t.json"), read);

        // A large BPE the scan does not read (an untagged model): the JSON reader reads the bytes after the scan.
        byte[] untagged = Encoding.UTF8.GetBytes("""{"model": {"vocab": """ + vocab + """, "merges": """ + merges + "}}");
        owner = new Owner();
        _ = TokenizerJsonReader.ReadOwned(untagged, "t.json", owner);
        Assert.True(owner.Disposed.IsSet);
        Assert.Equal(Environment.CurrentManagedThreadId, owner.Thread);

        owner = new Owner();
        _ = TokenizerJsonReader.ReadOwned("""{"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}}"""u8, "t.json", owner);
        Assert.True(owner.Disposed.IsSet);

        owner = new Owner();
        Assert.Throws<TokenizerFormatException>(() => TokenizerJsonReader.ReadOwned(large.AsSpan(0, large.Length - 1), "t.json", owner));
        Assert.True(owner.Disposed.IsSet);
        Assert.Equal(1, owner.Count);
    }

    private sealed class Owner : IDisposable
    {
        public ManualResetEventSlim Disposed { get; } = new();

        public int Thread { get; private set; }

        public int Count { get; private set; }

        public void Dispose()
        {
            Thread = Environment.CurrentManagedThreadId;
            Count++;
            Disposed.Set();
        }
    }

    [Fact]
    public void AMergeOfAMissingTokenIsRefusedAsTheJsonReaderRefusesIt()
    {
        byte[] utf8 = """{"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a b"]}}"""u8.ToArray();
        var scanned = Assert.Throws<TokenizerFormatException>(() => ScannedBpeReader.TryRead(utf8, "t.json"));
        var read = Assert.Throws<TokenizerFormatException>(() => TokenizerJsonReader.ReadDocument(utf8, "t.json"));
        Assert.Equal(read.Message, scanned.Message);
        Assert.Contains("merges[0]", scanned.Message, StringComparison.Ordinal);
    }

    private static string Written(TokenizerPipeline pipeline) => new Tokenizer(pipeline, null).ToJson();

    /// <summary>The same merges as ids: the parts and the token each makes (the written file names only the parts).</summary>
    private static void AssertSameMerges(TokenizerPipeline expected, TokenizerPipeline actual) =>
        Assert.Equal(((BpeModel)expected.Model).Triples.ToArray(), ((BpeModel)actual.Model).Triples.ToArray());
}
