using System.Text;
using Tessera.Decoders;
using Tessera.Models.WordPiece;
using Tessera.Normalizers;
using Tessera.PostProcessors;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// BERT's <c>vocab.txt</c> (one token per line, the id is the line's index), as Hugging Face's
/// <c>BertWordPieceTokenizer</c> builds a tokenizer from it (transformers' <c>BertTokenizerFast</c> builds the same):
/// WordPiece (<c>[UNK]</c>, <c>##</c>, 100 characters a word), BertNormalizer (clean text, Chinese characters,
/// accents stripped only when lowercasing, lowercase by default), BertPreTokenizer, BertProcessing with <c>[CLS]</c>
/// and <c>[SEP]</c>, the WordPiece decoder, and <c>[PAD] [UNK] [CLS] [SEP] [MASK]</c> as special added tokens, those
/// the vocabulary has.
/// </summary>
/// <remarks>
/// Lines are read as Hugging Face's <c>WordPiece::read_file</c> reads them: split at <c>\n</c>, trailing whitespace
/// (a <c>\r</c>) removed. Where it would quietly give a blank token or let a repeated token take the later id, this
/// reader throws instead.
/// </remarks>
internal static class BertVocabularyReader
{
    /// <summary>The file name in a folder.</summary>
    public const string FileName = "vocab.txt";

    /// <summary>The special tokens, in the order <c>BertWordPieceTokenizer</c> adds them.</summary>
    private static readonly string[] s_specialTokens = ["[UNK]", "[SEP]", "[CLS]", "[PAD]", "[MASK]"];

    public static TokenizerPipeline Read(string path, bool lowercase)
    {
        Dictionary<string, int> vocabulary = ReadVocabulary(path);
        var model = new WordPieceModel(vocabulary, "[UNK]", "##", maxInputCharsPerWord: 100);
        var normalizer = new BertNormalizer(cleanText: true, handleChineseChars: true, stripAccents: null, lowercase);
        IEnumerable<AddedToken> specials = s_specialTokens.Where(vocabulary.ContainsKey)
            .OrderBy(t => vocabulary[t]).Select(t => new AddedToken(t, Special: true));
        return new TokenizerPipeline
        {
            Model = model,
            Normalizer = normalizer,
            PreTokenizer = new BertPreTokenizer(),
            PostProcessor = new BertPostProcessor(Required(vocabulary, "[SEP]", path), Required(vocabulary, "[CLS]", path)),
            Decoder = new WordPieceDecoder("##", cleanup: true),
            AddedVocabulary = new AddedVocabulary(specials, model, normalizer),
        };
    }

    private static (string, int) Required(Dictionary<string, int> vocabulary, string token, string path) =>
        vocabulary.TryGetValue(token, out int id)
            ? (token, id)
            : throw new TokenizerFormatException(path, 0, "", $"no {token} token: a BERT vocabulary needs [CLS] and [SEP]");

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        int start = 0;
        for (int index = 0; start < bytes.Length; index++)
        {
            int length = bytes.AsSpan(start).IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = length < 0 ? bytes.AsSpan(start) : bytes.AsSpan(start, length);
            start += length < 0 ? line.Length : length + 1;
            string token;
            try
            {
                token = utf8.GetString(line).TrimEnd();
            }
            catch (DecoderFallbackException e)
            {
                throw new TokenizerFormatException(path, index + 1, TokenizerFormatException.Quote(Encoding.UTF8.GetString(line)), "invalid UTF-8", e);
            }
            if (token.Length == 0)
                throw new TokenizerFormatException(path, index + 1, "", "a blank line: expected one token per line");
            if (!vocabulary.TryAdd(token, index))
                throw new TokenizerFormatException(path, index + 1, TokenizerFormatException.Quote(token), $"the token is on line {vocabulary[token] + 1} already");
        }
        return vocabulary;
    }
}
