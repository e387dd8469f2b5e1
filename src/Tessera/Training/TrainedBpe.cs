using System.Text.Json;

namespace Tessera.Training;

/// <summary>
/// What a BPE training run learnt: the vocabulary (by id), the merges (by rank) and the special tokens (the first ids).
/// <see cref="ToTokenizer"/> makes it a tokenizer; its <see cref="Tokenizer.Save"/> writes a tokenizer.json that
/// Hugging Face tokenizers loads.
/// </summary>
public sealed partial class TrainedBpe
{
    internal TrainedBpe(IReadOnlyList<string> vocabulary, IReadOnlyList<(string Left, string Right)> merges, BpeTrainerOptions options)
    {
        Vocabulary = vocabulary;
        Merges = merges;
        SpecialTokens = [.. options.SpecialTokens.Distinct()];
        _prefix = options.ContinuingSubwordPrefix;
        _suffix = options.EndOfWordSuffix;
        _byteFallback = options.ByteFallback;
    }

    private readonly string? _prefix, _suffix;
    private readonly bool _byteFallback;

    /// <summary>The tokens, by id.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The merges, by rank.</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>The special tokens, which hold the first ids.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>The tokenizer, in the pipeline <paramref name="layout"/> names.</summary>
    public Tokenizer ToTokenizer(TrainedLayout layout) => Tokenizer.FromJson(ToJson(layout));

    /// <summary>The tokenizer.json text of <see cref="ToTokenizer"/>.</summary>
    public string ToJson(TrainedLayout layout) =>
        TrainedJson.Write(SpecialTokens.Select((token, id) => (token, id)), json =>
        {
            if (layout == TrainedLayout.BertWordPiece)
                WriteBert(json);
            else if (layout == TrainedLayout.MetaspaceBpe)
                WriteMetaspace(json);
            else
                WriteByteLevel(json, layout == TrainedLayout.ByteLevelBpe);
            json.WriteStartObject("model");
            if (layout == TrainedLayout.BertWordPiece)
                WriteWordPieceModel(json);
            else
                WriteBpeModel(json, unknown: layout == TrainedLayout.MetaspaceBpe && SpecialTokens.Contains("<unk>") ? "<unk>" : null);
            json.WriteEndObject();
        });

    private static void WriteByteLevel(Utf8JsonWriter json, bool byteLevel)
    {
        json.WriteNull("normalizer");
        if (byteLevel)
        {
            ByteLevel(json, "pre_tokenizer", addPrefixSpace: false, trimOffsets: true);
            ByteLevel(json, "post_processor", addPrefixSpace: true, trimOffsets: false);
            ByteLevel(json, "decoder", addPrefixSpace: true, trimOffsets: true);
        }
        else
        {
            json.WriteNull("pre_tokenizer");
            json.WriteNull("post_processor");
            json.WriteNull("decoder");
        }
    }

    /// <summary>
    /// SentencePiece-style BPE's pipeline: Metaspace ("▁", prepend always, split); the decoder turns "▁" back into
    /// spaces and drops the first, and with byte fallback first joins byte pieces into their characters (as Llama's).
    /// </summary>
    private void WriteMetaspace(Utf8JsonWriter json)
    {
        json.WriteNull("normalizer");
        TrainedJson.WriteMetaspace(json, "pre_tokenizer");
        json.WriteNull("post_processor");
        TrainedJson.WriteMetaspaceDecoder(json, _byteFallback, _prefix, _suffix);
    }

    /// <summary>BERT's pipeline as Hugging Face's BertWordPieceTokenizer writes it: lower case, [CLS] A [SEP] (and B [SEP]).</summary>
    private void WriteBert(Utf8JsonWriter json)
    {
        json.WriteStartObject("normalizer");
        json.WriteString("type", "BertNormalizer");
        json.WriteBoolean("clean_text", true);
        json.WriteBoolean("handle_chinese_chars", true);
        json.WriteNull("strip_accents");
        json.WriteBoolean("lowercase", true);
        json.WriteEndObject();
        json.WriteStartObject("pre_tokenizer");
        json.WriteString("type", "BertPreTokenizer");
        json.WriteEndObject();
        if (IdOf("[CLS]") is int cls and >= 0 && IdOf("[SEP]") is int sep and >= 0)
        {
            json.WriteStartObject("post_processor");
            json.WriteString("type", "BertProcessing");
            json.WriteStartArray("sep");
            json.WriteStringValue("[SEP]");
            json.WriteNumberValue(sep);
            json.WriteEndArray();
            json.WriteStartArray("cls");
            json.WriteStringValue("[CLS]");
            json.WriteNumberValue(cls);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("post_processor");
        }
        json.WriteStartObject("decoder");
        json.WriteString("type", "WordPiece");
        json.WriteString("prefix", "##");
        json.WriteBoolean("cleanup", true);
        json.WriteEndObject();
    }

    private int IdOf(string token) => IndexOf(Vocabulary, token);

    /// <summary>Where <paramref name="token"/> is in <paramref name="tokens"/>; -1 if it is not.</summary>
    private static int IndexOf(IReadOnlyList<string> tokens, string token)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == token)
                return i;
        }
        return -1;
    }

    /// <summary>The BPE model, its unknown token <paramref name="unknown"/> (null: none).</summary>
    private void WriteBpeModel(Utf8JsonWriter json, string? unknown)
    {
        json.WriteString("type", "BPE");
        json.WriteNull("dropout");
        WriteStringOrNull(json, "unk_token", unknown);
        WriteStringOrNull(json, "continuing_subword_prefix", _prefix);
        WriteStringOrNull(json, "end_of_word_suffix", _suffix);
        json.WriteBoolean("fuse_unk", false);
        json.WriteBoolean("byte_fallback", _byteFallback);
        json.WriteBoolean("ignore_merges", false);
        WriteVocabulary(json);
        json.WriteStartArray("merges");
        foreach ((string left, string right) in Merges)
        {
            json.WriteStartArray();
            json.WriteStringValue(left);
            json.WriteStringValue(right);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    /// <summary>The WordPiece model Hugging Face's WordPieceTrainer makes of the BPE it trained: the vocabulary alone.</summary>
    private void WriteWordPieceModel(Utf8JsonWriter json)
    {
        json.WriteString("type", "WordPiece");
        json.WriteString("unk_token", "[UNK]");
        json.WriteString("continuing_subword_prefix", "##");
        json.WriteNumber("max_input_chars_per_word", 100);
        WriteVocabulary(json);
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private void WriteVocabulary(Utf8JsonWriter json) => TrainedJson.WriteVocabulary(json, Vocabulary.Select((token, id) => (token, id)));

    private static void ByteLevel(Utf8JsonWriter json, string name, bool addPrefixSpace, bool trimOffsets)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", addPrefixSpace);
        json.WriteBoolean("trim_offsets", trimOffsets);
        json.WriteBoolean("use_regex", true);
        json.WriteEndObject();
    }
}
