using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Formats.SentencePiece;
using Tessera.Normalizers;
using Tessera.Tests.Conformance;
using Tessera.Text;
using JsonObject = Tessera.Formats.HuggingFace.JsonObject;

namespace Tessera.Tests.Normalizers;

/// <summary>
/// Hugging Face's Precompiled normalizer: tokenizer.json errors one by one, and the JSON round trip. Its output and
/// alignments are checked against Hugging Face itself by the conformance cases precompiled-nmt-nfkc and
/// precompiled-custom-rules (HuggingFaceConformanceTests).
/// </summary>
public sealed class PrecompiledNormalizerTests
{
    private static byte[] Charsmap(string model)
    {
        string path = Path.Combine(TestPaths.Goldens, "spm", model + ".model");
        return ModelProto.Parse(File.ReadAllBytes(path), path).NormalizerSpec.PrecompiledCharsmap;
    }

    private static INormalizer Read(string json) =>
        NormalizerJson.Read(new JsonObject(TestJson.Node(json), "(test)", "normalizer"));

    private static string Json(byte[] charsmap) =>
        $$"""{"type": "Precompiled", "precompiled_charsmap": "{{Convert.ToBase64String(charsmap)}}"}""";

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "missing", """{"type": "Precompiled"}""", "missing field 'precompiled_charsmap'" },
        { "null", """{"type": "Precompiled", "precompiled_charsmap": null}""", "missing field 'precompiled_charsmap'" },
        { "number", """{"type": "Precompiled", "precompiled_charsmap": 5}""", "expected a string" },
        { "not base64", """{"type": "Precompiled", "precompiled_charsmap": "@@@"}""", "not base64" },
        { "empty", """{"type": "Precompiled", "precompiled_charsmap": ""}""", "shorter than its 4-byte header" },
        { "trie past the end", Json([16, 0, 0, 0, 1, 2, 3, 4]), "runs past the data" },
        { "replacements not UTF-8", Json([4, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0]), "not valid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedCharsmapIsAnError(string what, string json, string problem)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => Read(json));
        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Contains("normalizer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unigram-8k")]
    [InlineData("unigram-1k-custom-rules")]
    public void RoundTripKeepsBehaviour(string model)
    {
        INormalizer normalizer = Read(Json(Charsmap(model)));
        var buffer = new ArrayBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            normalizer.WriteJson(writer);
        string written = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal(Json(Charsmap(model)).Replace(" ", "", StringComparison.Ordinal), written);
        INormalizer reread = Read(written);
        foreach (string document in GoldenFiles.Documents("unicode-edge").Concat(GoldenFiles.Documents("adversarial")).Take(400))
        {
            var a = new NormalizedString(document);
            var b = new NormalizedString(document);
            normalizer.Normalize(a);
            reread.Normalize(b);
            Assert.Equal(a.NormalizedText, b.NormalizedText);
            Assert.True(a.Alignments.SequenceEqual(b.Alignments));
        }
    }

    [Fact]
    public void ShortestRuleReplacesAShortCluster()
    {
        // spm-rules.tsv has "a" -> "b" and "a" + U+0300 -> "à": Hugging Face takes the first (shortest) rule that starts
        // a cluster of fewer than 6 bytes and replaces the whole cluster, where SentencePiece takes the longest.
        // ("xby" is what the Node binding's precompiled(...).normalizeString gives; the case precompiled-custom-rules
        // checks the same against the goldens.)
        INormalizer normalizer = Read(Json(Charsmap("unigram-1k-custom-rules")));
        var text = new NormalizedString("xa\u0300y");
        normalizer.Normalize(text);
        Assert.Equal("xby", text.NormalizedText);
    }

    private sealed class ArrayBufferWriter : System.Buffers.IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[1 << 20];
        private int _written;

        public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            if (_buffer.Length - _written < Math.Max(sizeHint, 1))
                Array.Resize(ref _buffer, _buffer.Length * 2 + sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
