using System.Text;
using Tessera.Decoders;
using Tessera.Formats.Json;
using Tessera.Models;
using Tessera.Models.Bpe;
using Tessera.PostProcessors;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// GPT-2's original files, <c>vocab.json</c> (token → id) and <c>merges.txt</c> (one "left right" merge per line after an
/// optional <c>#version</c> line), as Hugging Face's <c>ByteLevelBPETokenizer(vocab, merges)</c> builds a tokenizer from
/// them (transformers' GPT-2 conversion builds the same): BPE, the ByteLevel pre-tokenizer (GPT-2's pattern, no prefix
/// space), the ByteLevel decoder, and the ByteLevel post-processor with <c>trim_offsets</c> false (offsets keep the
/// space before a word); no added tokens.
/// </summary>
internal static class VocabMergesReader
{
    public static TokenizerPipeline Read(string vocabPath, string mergesPath)
    {
        Dictionary<string, int> vocabulary = ReadVocabulary(vocabPath);
        List<(string, string)> merges = ReadMerges(mergesPath);
        BpeModel model;
        try
        {
            model = BpeModel.FromStrings(vocabulary, merges, new BpeOptions());
        }
        catch (BpeMergeException e)
        {
            throw new TokenizerFormatException(mergesPath, e.Rank + 1 + FirstMergeLine(mergesPath) - 1, $"{e.Left} {e.Right}", e.Message);
        }
        return new TokenizerPipeline
        {
            Model = model,
            PreTokenizer = new ByteLevelPreTokenizer(addPrefixSpace: false, trimOffsets: true, useRegex: true),
            PostProcessor = new ByteLevelPostProcessor(addPrefixSpace: true, trimOffsets: false, useRegex: true),
            Decoder = new ByteLevelDecoder(addPrefixSpace: true, trimOffsets: true, useRegex: true),
            AddedVocabulary = new AddedVocabulary([], model, null),
        };
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        byte[] utf8 = File.ReadAllBytes(path);
        return Vocabularies.Read(new JsonObject(TokenizerJsonReader.ParseFile(utf8, path).Root, path, "$"), null);
    }

    private static int FirstMergeLine(string path) =>
        File.ReadLines(path).FirstOrDefault() is { } first && first.StartsWith("#version", StringComparison.Ordinal) ? 2 : 1;

    private static List<(string, string)> ReadMerges(string path)
    {
        var merges = new List<(string, string)>();
        int number = 0;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (number == 1 && line.StartsWith("#version", StringComparison.Ordinal))
                continue;
            if (line.Length == 0)
                continue;
            string[] parts = line.Split(' ');
            if (parts.Length != 2)
                throw new TokenizerFormatException(path, number, TokenizerFormatException.Quote(line), "expected a merge: two tokens separated by one space");
            merges.Add((parts[0], parts[1]));
        }
        return merges;
    }
}
