using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.PreTokenizers;

namespace Tessera.Tests.PreTokenizers;

/// <summary>Loads pre-tokenizers from tokenizer.json text and shows their pieces as Hugging Face's <c>pre_tokenize_str</c> does.</summary>
internal static class PreTokenizerAssert
{
    public static IPreTokenizer Load(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return PreTokenizerJson.Read(new JsonObject(TestJson.Node(document.RootElement), "(test)", "$.pre_tokenizer"));
    }

    /// <summary>"piece@start-end | ..." with code-point offsets into <paramref name="text"/>.</summary>
    public static string Pieces(IPreTokenizer preTokenizer, string text) =>
        string.Join(" | ", PreTokenize(preTokenizer, text).Select(p => $"{p.Piece}@{p.Start}-{p.End}"));

    /// <summary>The pieces of <paramref name="text"/> with their code-point offsets, as <c>pre_tokenize_str</c> gives them.</summary>
    public static List<(string Piece, int Start, int End)> PreTokenize(IPreTokenizer preTokenizer, string text)
    {
        var pieces = new Tessera.Text.PreTokenizedString(new Tessera.Text.NormalizedString(text));
        preTokenizer.PreTokenize(pieces);
        var chars = new CharIndex(text);
        return [.. pieces.Splits.Select(split =>
        {
            (int start, int end) = chars.Of(split.Text.OriginalRangeOf(0, split.Text.Length));
            return (split.Text.NormalizedText, start, end);
        })];
    }

    public static string Pieces(string json, string text) => Pieces(Load(json), text);

    /// <summary>The pre-tokenizer as tokenizer.json text, as <see cref="IPreTokenizer.WriteJson"/> writes it.</summary>
    public static string Written(IPreTokenizer preTokenizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            preTokenizer.WriteJson(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writing and reading back gives the same JSON and the same pieces of <paramref name="text"/>.</summary>
    public static void RoundTrips(string json, string text)
    {
        IPreTokenizer first = Load(json);
        string written = Written(first);
        IPreTokenizer second = Load(written);
        Assert.Equal(written, Written(second));
        Assert.Equal(Pieces(first, text), Pieces(second, text));
    }

    /// <summary>Loading fails with a format error that names the JSON path and contains <paramref name="problem"/>.</summary>
    public static void Rejects(string json, string problem)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => Load(json));
        Assert.Contains("$.pre_tokenizer", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
