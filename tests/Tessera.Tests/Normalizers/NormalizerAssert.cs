using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Normalizers;
using Tessera.Text;

namespace Tessera.Tests.Normalizers;

/// <summary>Runs a normalizer and shows its result as Hugging Face's offsets would (code points of the original).</summary>
internal static class NormalizerAssert
{
    /// <summary>Asserts the normalized text and, per normalized code point, the original code points it is aligned with.</summary>
    public static void Normalizes(INormalizer normalizer, string input, string expected, string offsets)
    {
        var text = new NormalizedString(input);
        normalizer.Normalize(text);
        Assert.Equal(expected, text.NormalizedText);
        Assert.Equal(offsets, Offsets(text, input));
    }

    /// <summary>"start-end" per normalized code point, in code points of <paramref name="original"/>.</summary>
    public static string Offsets(NormalizedString text, string original)
    {
        var chars = new CharIndex(original);
        var parts = new List<string>();
        ReadOnlySpan<byte> normalized = text.Normalized;
        for (int i = 0; i < normalized.Length; i += Utf8Chars.LengthAt(normalized, i))
        {
            (int start, int end) = chars.Of(text.Alignments[i]);
            parts.Add($"{start}-{end}");
        }
        return string.Join(" ", parts);
    }

    public static INormalizer Read(string json, string file = "tokenizer.json")
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return NormalizerJson.Read(new JsonObject(TestJson.Node(document.RootElement), file, "normalizer"));
    }

    public static string Write(INormalizer normalizer)
    {
        using var stream = new MemoryStream();
        // As Hugging Face (serde_json) writes: non-ASCII text as is, no escaping of '+' or HTML characters.
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            normalizer.WriteJson(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes Hugging Face's form exactly (<paramref name="json"/>, as Hugging Face saves it), reads it back to the
    /// same form, and the reread normalizer normalizes <paramref name="samples"/> as the original does.
    /// </summary>
    public static void RoundTrips(INormalizer normalizer, string json, params string[] samples)
    {
        Assert.Equal(json, Write(normalizer));
        INormalizer reread = Read(json);
        Assert.Equal(normalizer.GetType(), reread.GetType());
        Assert.Equal(json, Write(reread));
        foreach (string sample in samples)
        {
            NormalizedString a = new(sample), b = new(sample);
            normalizer.Normalize(a);
            reread.Normalize(b);
            Assert.Equal(a.NormalizedText, b.NormalizedText);
            Assert.Equal(a.Alignments.ToArray(), b.Alignments.ToArray());
        }
    }

    /// <summary>Reading <paramref name="json"/> fails as a malformed file whose message names <paramref name="path"/>.</summary>
    public static TokenizerFormatException Rejects(string json, string path)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => Read(json));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        return error;
    }
}
