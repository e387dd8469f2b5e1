using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Tests.Conformance;

/// <summary>
/// Every pre-tokenizer configuration of Goldens/hf/pre-tokenizers.json (tests/goldens/make-hf-pretokenizer-goldens.mjs)
/// cuts text exactly as Hugging Face tokenizers' own pre-tokenizer does: pieces and code-point offsets on handpicked
/// texts, on every code point (sweeps) and on every golden input.
/// </summary>
public sealed class HuggingFacePreTokenizerTests
{
    private static readonly Lazy<JsonDocument> s_goldens = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Goldens, "hf", "pre-tokenizers.json"))));

    public static TheoryData<string> Configurations()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement config in s_goldens.Value.RootElement.GetProperty("configs").EnumerateArray())
            data.Add(config.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Config(string name) =>
        s_goldens.Value.RootElement.GetProperty("configs").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);

    internal static IPreTokenizer Load(JsonElement preTokenizer) => PreTokenizerJson.Read(new JsonObject(TestJson.Node(preTokenizer), "(golden)", "$.pre_tokenizer"));

    /// <summary>The pieces of <paramref name="text"/>: normalized text and code-point offsets in the text (Hugging Face's <c>pre_tokenize_str</c>).</summary>
    internal static List<(string Piece, int Start, int End)> PreTokenize(IPreTokenizer preTokenizer, string text)
    {
        var pieces = new PreTokenizedString(new NormalizedString(text));
        preTokenizer.PreTokenize(pieces);
        var chars = new CharIndex(text);
        var result = new List<(string, int, int)>();
        foreach (PreTokenSplit split in pieces.Splits)
        {
            NormalizedString piece = split.Text;
            (int start, int end) = chars.Of(new Span2(piece.OriginalShift, piece.OriginalShift + piece.Original.Length));
            result.Add((piece.NormalizedText, start, end));
        }
        return result;
    }

    internal static void AddHashed(List<int> flat, List<(string Piece, int Start, int End)> pieces)
    {
        foreach ((string piece, int start, int end) in pieces)
        {
            flat.Add(start);
            flat.Add(end);
            foreach (Rune r in piece.EnumerateRunes())
                flat.Add(r.Value);
            flat.Add(-1);
        }
    }

    /// <summary>The hash of the pieces of every text, each text's pieces followed by a sentinel piece ("", -1, -1).</summary>
    private static string HashOfAll(IPreTokenizer preTokenizer, IEnumerable<string> texts)
    {
        var flat = new List<int>();
        foreach (string text in texts)
        {
            AddHashed(flat, PreTokenize(preTokenizer, text));
            AddHashed(flat, [("", -1, -1)]);
        }
        return CodePointSweep.Hash([.. flat]);
    }

    private static string Show(IEnumerable<(string Piece, int Start, int End)> pieces) =>
        string.Join(" ", pieces.Select(p => $"{JsonSerializer.Serialize(p.Piece)}@{p.Start}-{p.End}"));

    [Theory]
    [MemberData(nameof(Configurations))]
    public void SplitsTextsLikeHuggingFace(string name)
    {
        JsonElement config = Config(name);
        IPreTokenizer preTokenizer = Load(config.GetProperty("pre_tokenizer"));
        string[] texts = [.. s_goldens.Value.RootElement.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!)];
        var failures = new List<string>();
        int i = 0;
        foreach (JsonElement expected in config.GetProperty("splits").EnumerateArray())
        {
            var want = expected.EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetInt32(), p[2].GetInt32())).ToList();
            List<(string, int, int)> got = PreTokenize(preTokenizer, texts[i]);
            if (!want.SequenceEqual(got))
                failures.Add($"{JsonSerializer.Serialize(texts[i])}:\n  expected {Show(want)}\n  actual   {Show(got)}");
            i++;
        }
        Assert.True(failures.Count == 0, $"{name}:\n{string.Join("\n", failures)}");
    }

    /// <summary>What Tessera writes is what Hugging Face writes for the same object (its save()), so it loads the same.</summary>
    [Theory]
    [MemberData(nameof(Configurations))]
    public void WritesTheObjectAsHuggingFaceDoes(string name)
    {
        JsonElement config = Config(name);
        IPreTokenizer preTokenizer = Load(config.GetProperty("pre_tokenizer"));
        string written = Tessera.Tests.PreTokenizers.PreTokenizerAssert.Written(preTokenizer);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(written),
                System.Text.Json.Nodes.JsonNode.Parse(config.GetProperty("written").GetRawText())),
            $"{name}: wrote {written}, Hugging Face writes {config.GetProperty("written").GetRawText()}");
        Assert.Equal(PreTokenize(preTokenizer, "  Hey, 12 日本 x"), PreTokenize(Tessera.Tests.PreTokenizers.PreTokenizerAssert.Load(written), "  Hey, 12 日本 x"));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void SplitsEveryCodePointLikeHuggingFace(string name)
    {
        JsonElement config = Config(name);
        if (!config.TryGetProperty("sweeps", out JsonElement sweeps))
            return;
        IPreTokenizer preTokenizer = Load(config.GetProperty("pre_tokenizer"));
        var failures = new List<string>();
        int block = 0;
        foreach (JsonElement line in sweeps.EnumerateArray())
        {
            string[] expected = line.GetString()!.Split(' ');
            List<string>[] kinds = SweepTexts(block);
            string[] names = ["in order", "each after 'a'", "each after a space"];
            for (int k = 0; k < kinds.Length; k++)
            {
                if (HashOfAll(preTokenizer, kinds[k]) != expected[k])
                    failures.Add($"block U+{block * 0x10000:X5} ({names[k]})");
            }
            block++;
        }
        Assert.True(failures.Count == 0, $"{name}: {string.Join(", ", failures)}");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void SplitsGoldenInputsLikeHuggingFace(string name)
    {
        JsonElement config = Config(name);
        IPreTokenizer preTokenizer = Load(config.GetProperty("pre_tokenizer"));
        var failures = new List<string>();
        foreach (JsonProperty input in config.GetProperty("inputs").EnumerateObject())
        {
            List<string> documents = GoldenFiles.Documents(input.Name);
            string[] expected = input.Value.GetString()!.Split(' ');
            for (int chunk = 0; chunk < expected.Length; chunk++)
            {
                if (HashOfAll(preTokenizer, documents.Skip(chunk * 100).Take(100)) != expected[chunk])
                    failures.Add($"{input.Name} documents {chunk * 100 + 1}-{Math.Min(documents.Count, chunk * 100 + 100)}");
            }
        }
        Assert.True(failures.Count == 0, $"{name}: {string.Join(", ", failures)}");
    }

    /// <summary>
    /// The three kinds of sweep text of block <paramref name="block"/>, each as 16 texts of 4,096 code points
    /// (surrogates skipped): the code points in order, each after "a", each after a space.
    /// </summary>
    internal static List<string>[] SweepTexts(int block)
    {
        List<string>[] kinds = [[], [], []];
        for (int sub = 0; sub < 16; sub++)
        {
            var inOrder = new StringBuilder();
            var afterA = new StringBuilder();
            var afterSpace = new StringBuilder();
            for (int c = block * 0x10000 + sub * 4096; c < block * 0x10000 + (sub + 1) * 4096; c++)
            {
                if (c is >= 0xD800 and <= 0xDFFF)
                    continue;
                string s = char.ConvertFromUtf32(c);
                inOrder.Append(s);
                afterA.Append('a').Append(s);
                afterSpace.Append(' ').Append(s);
            }
            kinds[0].Add(inOrder.ToString());
            kinds[1].Add(afterA.ToString());
            kinds[2].Add(afterSpace.ToString());
        }
        return kinds;
    }
}
