using System.Text.Json;
using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>Reads a tokenizer.json into a <see cref="TokenizerPipeline"/>.</summary>
internal static class TokenizerJsonReader
{
    public static TokenizerPipeline Read(byte[] utf8, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0) + 1;
            long position = (e.BytePositionInLine ?? 0) + 1;
            throw new TokenizerFormatException(file, line, "", $"malformed JSON at byte {position} of the line ({FirstSentence(e.Message)})", e);
        }
        using (document)
        {
            var root = new JsonObject(document.RootElement, file, "$");
            Models.IModel model = ModelJson.Read(root.Object("model"));
            Normalizers.INormalizer? normalizer = root.OptionalObject("normalizer") is { } n ? NormalizerJson.Read(n) : null;
            return new TokenizerPipeline
            {
                Model = model,
                Normalizer = normalizer,
                PreTokenizer = root.OptionalObject("pre_tokenizer") is { } p ? PreTokenizerJson.Read(p) : null,
                PostProcessor = root.OptionalObject("post_processor") is { } pp ? PostProcessorJson.Read(pp) : null,
                Decoder = root.OptionalObject("decoder") is { } d ? DecoderJson.Read(d) : null,
                AddedVocabulary = new AddedVocabulary(root.Has("added_tokens") ? root.Objects("added_tokens").Select(ReadAddedToken) : [], model, normalizer),
                Truncation = root.OptionalObject("truncation") is { } t ? SettingsJson.ReadTruncation(t) : null,
                Padding = root.OptionalObject("padding") is { } pad ? SettingsJson.ReadPadding(pad) : null,
            };
        }
    }

    private static AddedToken ReadAddedToken(JsonObject json)
    {
        bool special = json.Bool("special", false);
        return new AddedToken(json.String("content"), special, json.Bool("single_word", false), json.Bool("lstrip", false),
            json.Bool("rstrip", false), json.Has("normalized") ? json.Bool("normalized", !special) : null);
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
