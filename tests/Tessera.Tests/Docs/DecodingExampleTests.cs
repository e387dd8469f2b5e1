using Tessera.Decoders;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Docs;

/// <summary>The worked example of docs/algorithms/decoding.md: the decoder chain's stages and the stream's steps.</summary>
public sealed class DecodingExampleTests
{
    private const string Example = "Hi 😀 there!";

    private static Tokenizer Llama() => HuggingFaceGoldens.Load("llama-template");

    [Fact]
    public void TheDocumentedStagesAreTheDecodersOutputs()
    {
        List<string[]> rows = MarkdownTable.Rows("decoding.md", "### The decoder chain");
        var decoder = Assert.IsType<SequenceDecoder>(Llama().Pipeline.Decoder);
        List<string> strings = MarkdownTable.CodeSpans(rows[0][1]);
        Assert.Equal(["tokens", "Replace", "ByteFallback", "Fuse", "Strip"], rows.Select(r => r[0]));
        for (int stage = 0; stage < decoder.Decoders.Count; stage++)
        {
            strings = decoder.Decoders[stage].DecodeChain(strings);
            Assert.Equal(MarkdownTable.CodeSpans(rows[stage + 1][1]), strings);
        }
        Assert.Equal(Example, Llama().Decode(Llama().EncodeToIds(Example)));
        Assert.Equal("<s> " + Example, Llama().Decode(Llama().EncodeToIds(Example), skipSpecialTokens: false));
    }

    [Fact]
    public void TheDocumentedStreamIsTheStreamsOutput()
    {
        List<string[]> rows = MarkdownTable.Rows("decoding.md", "### The stream");
        Tokenizer tokenizer = Llama();
        int[] ids = tokenizer.EncodeToIds(Example);
        Assert.Equal(ids, rows.Select(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        DecodeStream stream = tokenizer.CreateDecodeStream();
        foreach (string[] row in rows)
        {
            int id = int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(MarkdownTable.CodeSpans(row[2]).Single(), tokenizer.IdToToken(id));
            string? returned = stream.Step(id);
            Assert.Equal(row[3] == "null" ? null : MarkdownTable.CodeSpans(row[3]).Single(), returned);
        }
    }
}
