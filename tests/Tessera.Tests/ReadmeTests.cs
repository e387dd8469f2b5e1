namespace Tessera.Tests;

/// <summary>The README's quick start is this test's code, word for word, and it runs.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void QuickStartRuns()
    {
        string longText = string.Concat(Enumerable.Repeat("Tokens are pieces of text. ", 100));
        // README-BEGIN
        var tokenizer = TiktokenTokenizer.Get("o200k_base");

        int[] ids = tokenizer.Encode("Hello, world");         // [13225, 11, 2375]
        string text = tokenizer.Decode(ids);                   // "Hello, world"
        int count = tokenizer.CountTokens("How many tokens?"); // 4, without allocating

        // Special-token text raises by default, as in tiktoken; allow it or treat it as text.
        int[] withEnd = tokenizer.Encode("Done<|endoftext|>", SpecialTokenPolicy.AllowAll);

        // Cut a text to a token budget on a character boundary.
        int end = tokenizer.GetIndexByTokenCount(longText, maxTokenCount: 100, out int used);
        string head = longText[..end];

        // Where each token came from.
        foreach (TokenOffset token in tokenizer.EncodeWithOffsets("naïve café"))
            Console.WriteLine($"{token.Id} chars [{token.CharStart}, {token.CharEnd}) bytes [{token.ByteStart}, {token.ByteEnd})");
        // README-END

        Assert.Equal([13225, 11, 2375], ids);
        Assert.Equal("Hello, world", text);
        Assert.Equal(4, count);
        Assert.Equal(199999, withEnd[^1]);
        Assert.Equal(100, used);
        Assert.Equal(100, tokenizer.CountTokens(head));
    }

    [Fact]
    public void ReadmeShowsTheQuickStart()
    {
        string source = File.ReadAllText(TestPaths.SourceFile());
        int begin = source.IndexOf("// README-BEGIN\n", StringComparison.Ordinal) + "// README-BEGIN\n".Length;
        int end = source.IndexOf("        // README-END", StringComparison.Ordinal);
        string code = string.Join('\n', source[begin..end].TrimEnd().Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        Assert.Contains("```csharp\nusing Tessera;\n\n" + code + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenizerJsonSnippetRuns()
    {
        string path = TestPaths.HuggingFaceAsset("llama3");
        string folder = Directory.CreateTempSubdirectory("tessera-readme").FullName;
        try
        {
            // README-HF-BEGIN
            Tokenizer llama = Tokenizer.Load(path);                       // a tokenizer.json, or a folder: tokenizer.json, vocab.json + merges.txt, or BERT's vocab.txt
            int[] ids = llama.EncodeToIds("Hello, world", addSpecialTokens: false); // [9906, 11, 1917]
            TokenEncoding pair = llama.Encode("Hello, world", "Bonjour"); // ids, tokens, type ids, offsets, masks, word ids, overflowing
            string text = llama.Decode(ids);                              // "Hello, world", through the tokenizer's decoder
            llama.Save(Path.Combine(folder, "tokenizer.json"));           // written atomically; Hugging Face loads it
            // README-HF-END

            Assert.Equal([9906, 11, 1917], ids);
            Assert.Equal("Hello, world", text);
            Assert.Equal([0, 0, 0, 1], pair.TypeIds); // "Bonjour" is one token, of the second sequence
            Assert.Equal(ids, Tokenizer.Load(Path.Combine(folder, "tokenizer.json")).EncodeToIds("Hello, world", addSpecialTokens: false));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        string source = File.ReadAllText(TestPaths.SourceFile());
        int begin = source.IndexOf("// README-HF-BEGIN\n", StringComparison.Ordinal) + "// README-HF-BEGIN\n".Length;
        int end = source.IndexOf("            // README-HF-END", StringComparison.Ordinal);
        string code = string.Join('\n', source[begin..end].TrimEnd().Split('\n').Select(line => line.Length >= 12 ? line[12..] : line.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        Assert.Contains("```csharp\nusing Tessera;\n\n" + code + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeStartsWithTheTwoCommandsCiRuns()
    {
        string readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        string ci = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, ".ci", "run"));
        Assert.Contains("./tessera encode \"Hello, world\"", readme[..600], StringComparison.Ordinal);
        Assert.Contains("bash scripts/test.sh", readme[..600], StringComparison.Ordinal);
        Assert.EndsWith("bash scripts/test.sh\n", ci, StringComparison.Ordinal);
    }
}
