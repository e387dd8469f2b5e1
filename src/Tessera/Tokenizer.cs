using Tessera.Decoders;
using Tessera.Formats.HuggingFace;
using Tessera.Models;
using Tessera.Normalizers;
using Tessera.PostProcessors;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera;

/// <summary>
/// A tokenizer as Hugging Face's tokenizer.json describes one: normalizer, pre-tokenizer, model, post-processor and
/// decoder, plus added tokens, with ids, offsets and decoding identical to Hugging Face tokenizers (Rust).
/// </summary>
/// <remarks>Immutable once loaded; one instance is safe to share across threads.</remarks>
public sealed partial class Tokenizer
{
    internal Tokenizer(TokenizerPipeline pipeline, string? source)
    {
        Pipeline = pipeline;
        Source = source;
    }

    internal TokenizerPipeline Pipeline { get; }

    /// <summary>The file the tokenizer came from, if any.</summary>
    public string? Source { get; }

    /// <summary>
    /// Loads a tokenizer: a tokenizer.json file, or a folder holding, in this order of preference, a tokenizer.json,
    /// GPT-2's vocab.json and merges.txt (byte-level BPE, as Hugging Face's <c>ByteLevelBPETokenizer</c> builds it), or
    /// BERT's vocab.txt (WordPiece with BERT's pipeline, lowercasing, as Hugging Face's <c>BertWordPieceTokenizer</c>
    /// builds it; <see cref="LoadBertVocabulary"/> chooses the case).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or the folder holds no tokenizer file.</exception>
    /// <exception cref="TokenizerFormatException">The file is malformed (the message names the line, position or JSON path).</exception>
    /// <exception cref="NotSupportedException">A component type is not supported (the message lists the supported ones).</exception>
    public static Tokenizer Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A file that maps is read as a tokenizer.json straight away (a folder does not map): the runtime's file
        // system calls (Directory.Exists first) cost milliseconds at their first use in a process.
        if (TryReadMapped(path) is { } pipeline)
            return new Tokenizer(pipeline, path);
        if (Directory.Exists(path))
        {
            string json = Path.Combine(path, "tokenizer.json");
            if (File.Exists(json))
                return Load(json);
            string vocab = Path.Combine(path, "vocab.json"), merges = Path.Combine(path, "merges.txt");
            if (File.Exists(vocab) && File.Exists(merges))
                return new Tokenizer(VocabMergesReader.Read(vocab, merges), path);
            if (File.Exists(Path.Combine(path, BertVocabularyReader.FileName)))
                return LoadBertVocabulary(path);
            throw new FileNotFoundException($"{path}: no tokenizer.json, nor vocab.json with merges.txt, nor vocab.txt, in the folder", json);
        }
        return new Tokenizer(TokenizerJsonReader.Read(File.ReadAllBytes(path), path), path);
    }

    /// <summary>
    /// Reads a tokenizer.json mapped rather than copied into memory (reading Llama 3's 9 MB into an array faults in
    /// 2,200 fresh pages, tens of milliseconds on a VM; mapped, the page cache's pages are used as they are); null when
    /// <paramref name="path"/> does not map (a folder, a missing or empty file, or no mapping here).
    /// </summary>
    private static unsafe TokenizerPipeline? TryReadMapped(string path)
    {
        Internal.MappedFile? mapped = Internal.MappedFile.TryOpen(path);
        if (mapped is null || mapped.Length > int.MaxValue)
        {
            mapped?.Dispose();
            return null;
        }
        // The read disposes the mapping, on the load's helper thread when it had one.
        return TokenizerJsonReader.ReadOwned(new ReadOnlySpan<byte>(mapped.Pointer, (int)mapped.Length), path, mapped);
    }

    /// <summary>
    /// Loads BERT's vocab.txt (one token per line, the id is the line's index; <paramref name="path"/> is the file or a
    /// folder holding it) as Hugging Face's <c>BertWordPieceTokenizer</c> builds a tokenizer from it: BertNormalizer
    /// (lowercasing, and then stripping accents, when <paramref name="lowercase"/>), BertPreTokenizer, WordPiece
    /// (<c>[UNK]</c>, <c>##</c>), <c>[CLS] ... [SEP]</c> added by the post-processor, the WordPiece decoder, and
    /// <c>[PAD] [UNK] [CLS] [SEP] [MASK]</c> as special tokens, those in the vocabulary.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TokenizerFormatException">
    /// A line is blank, repeats a token or is not UTF-8, or the vocabulary lacks <c>[CLS]</c> or <c>[SEP]</c>.
    /// </exception>
    public static Tokenizer LoadBertVocabulary(string path, bool lowercase = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        string file = Directory.Exists(path) ? Path.Combine(path, BertVocabularyReader.FileName) : path;
        return new Tokenizer(BertVocabularyReader.Read(file, lowercase), path);
    }

    /// <summary>Reads a tokenizer from tokenizer.json text.</summary>
    /// <exception cref="TokenizerFormatException">The JSON is malformed.</exception>
    /// <exception cref="NotSupportedException">A component type is not supported.</exception>
    public static Tokenizer FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new Tokenizer(TokenizerJsonReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "(json)"), null);
    }

    /// <summary>The size of the vocabulary with the added tokens (Hugging Face's <c>get_vocab_size(true)</c>).</summary>
    public int VocabularySize => Math.Max(Pipeline.Model.VocabularySize, Pipeline.AddedVocabulary.MaxId + 1);

    /// <summary>The added tokens with their ids.</summary>
    public IReadOnlyList<(AddedToken Token, int Id)> AddedTokens => Pipeline.AddedVocabulary.Tokens;

    /// <summary>The id of a token (added tokens first), or null.</summary>
    public int? TokenToId(string token) => Pipeline.AddedVocabulary.TokenToId(token) ?? Pipeline.Model.TokenToId(token);

    /// <summary>Whether <paramref name="id"/> is a special added token.</summary>
    public bool IsSpecialToken(int id) => Pipeline.AddedVocabulary.IsSpecial(id);

    /// <summary>The string of a token id, or null.</summary>
    public string? IdToToken(int id) => Pipeline.AddedVocabulary.TokenOf(id)?.Content ?? Pipeline.Model.IdToToken(id);

    /// <summary>
    /// Encodes <paramref name="text"/>. <paramref name="addSpecialTokens"/> lets the post-processor add its tokens
    /// (BOS, EOS, CLS/SEP); <paramref name="matchSpecialTokens"/> false treats special-token text as ordinary text
    /// (Hugging Face's <c>split_special_tokens</c>), while non-special added tokens still match. <see cref="Truncation"/>
    /// and <see cref="Padding"/> apply.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The truncation settings cannot be applied (Hugging Face's truncation errors).</exception>
    public TokenEncoding Encode(string text, bool addSpecialTokens = true, bool matchSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Pipeline.Encode(text, null, addSpecialTokens, matchSpecialTokens);
    }

    /// <summary>Encodes a pair of texts (a question and a context, two sentences) as the post-processor's template says.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="pair"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The truncation settings cannot be applied (Hugging Face's truncation errors).</exception>
    public TokenEncoding Encode(string text, string pair, bool addSpecialTokens = true, bool matchSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pair);
        return Pipeline.Encode(text, pair, addSpecialTokens, matchSpecialTokens);
    }

    /// <summary>
    /// The ids of <paramref name="text"/> (<see cref="Encode(string, bool, bool)"/>'s ids), by the flat encoder when
    /// the pipeline lowers to it (byte-level BPE: see docs/algorithms/tokenizer-pipeline.md).
    /// </summary>
    public int[] EncodeToIds(string text, bool addSpecialTokens = true, bool matchSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!addSpecialTokens || Pipeline.PostProcessor is null || Pipeline.PostProcessor.AddedTokens(isPair: false) == 0)
        {
            if (Pipeline.LoweredIds is { } lowered)
                return lowered.EncodeToIds(text, matchSpecialTokens);
        }
        return [.. Encode(text, addSpecialTokens, matchSpecialTokens).Ids];
    }

    /// <summary>Whether encoding runs on the flat encoder (the pipeline lowered to it).</summary>
    public bool IsLowered => Pipeline.LoweredIds is not null;
}

/// <summary>The components of a <see cref="Tokenizer"/>, and the Hugging Face encode pipeline over them.</summary>
internal sealed partial class TokenizerPipeline
{
    public required IModel Model { get; init; }
    public INormalizer? Normalizer { get; init; }
    public IPreTokenizer? PreTokenizer { get; init; }
    public IPostProcessor? PostProcessor { get; init; }
    public IDecoder? Decoder { get; init; }
    public required AddedVocabulary AddedVocabulary { get; init; }
    public TruncationSettings? Truncation { get; init; }
    public PaddingSettings? Padding { get; init; }

    /// <summary>The flat encoder the pipeline lowers to, if it does (made at first use).</summary>
    public Lowering.LoweredEncoder? Lowered => _lowered.Value;

    private readonly Lazy<Lowering.LoweredEncoder?> _lowered;

    /// <summary>The code-point loop a SentencePiece-style BPE pipeline lowers to, if it does (made at first use).</summary>
    public Lowering.LoweredSentencePieceBpe? LoweredSentencePiece => _loweredSentencePiece.Value;

    private readonly Lazy<Lowering.LoweredSentencePieceBpe?> _loweredSentencePiece;

    /// <summary>The loop that gives the pipeline's ids, if it lowers to one (made at first use).</summary>
    public Lowering.ILoweredPipeline? LoweredIds => _loweredIds.Value;

    private readonly Lazy<Lowering.ILoweredPipeline?> _loweredIds;

    public TokenizerPipeline()
    {
        _lowered = new(() => Lowering.ByteLevelBpeLowering.TryLower(this));
        _loweredSentencePiece = new(() => _lowered.Value is null ? Lowering.SentencePieceBpeLowering.TryLower(this) : null);
        _loweredIds = new(() => (Lowering.ILoweredPipeline?)Lowered ?? (Lowering.ILoweredPipeline?)LoweredSentencePiece ?? Lowering.UnigramLowering.TryLower(this));
    }

    public TokenEncoding Encode(string text, string? pair, bool addSpecialTokens, bool matchSpecialTokens)
    {
        TokenEncoding first = EncodeSingle(text, 0, matchSpecialTokens);
        TokenEncoding? second = pair is null ? null : EncodeSingle(pair, 1, matchSpecialTokens);
        return PostProcess(first, second, addSpecialTokens);
    }

    /// <summary>One text through added tokens, normalizer, pre-tokenizer and model (no post-processing).</summary>
    public TokenEncoding EncodeSingle(string text, int typeId, bool matchSpecialTokens)
    {
        PreTokenizedString pieces = AddedVocabulary.ExtractAndNormalize(text, Normalizer, matchSpecialTokens);
        PreTokenizer?.PreTokenize(pieces);
        // Added tokens are splits tokenized already; their token string is the text they cover (with what lstrip and
        // rstrip took), as Hugging Face's is.
        var addedSplits = new HashSet<PreTokenSplit>(pieces.Splits.Where(s => s.Tokens is not null), ReferenceEqualityComparer.Instance);
        var scratch = new List<Token>();
        pieces.Tokenize(piece =>
        {
            scratch.Clear();
            Model.Tokenize(piece.Normalized, scratch);
            return [.. scratch];
        });

        var chars = new CharIndex(text);
        var encoding = new TokenEncoding();
        IReadOnlyList<PreTokenSplit> splits = pieces.Splits;
        for (int word = 0; word < splits.Count; word++)
        {
            PreTokenSplit split = splits[word];
            foreach (Token token in split.Tokens!)
            {
                Span2 bytes = split.Text.OriginalRangeOf(token.Start, token.End);
                string value = addedSplits.Contains(split) ? System.Text.Encoding.UTF8.GetString(split.Text.Normalized) : Model.TokenString(token, split.Text.Normalized);
                encoding.Add(token.Id, value, typeId, (bytes.Start, bytes.End), chars.Of(bytes), word, special: false);
            }
        }
        return encoding;
    }
}

/// <summary>Converts UTF-8 byte offsets of a text to code-point offsets.</summary>
internal sealed class CharIndex
{
    private readonly int[] _charAtByte;

    public CharIndex(string text)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        _charAtByte = new int[utf8.Length + 1];
        int chars = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80 && i > 0)
                chars++;
            _charAtByte[i] = chars;
        }
        _charAtByte[utf8.Length] = utf8.Length == 0 ? 0 : chars + 1;
    }

    /// <summary>The code points a byte range touches: a range that ends inside a character includes it.</summary>
    public (int, int) Of(Span2 bytes) => bytes.End > bytes.Start ? (At(bytes.Start), At(bytes.End - 1) + 1) : (At(bytes.Start), At(bytes.Start));

    private int At(int b) => _charAtByte[Math.Clamp(b, 0, _charAtByte.Length - 1)];
}
