using System.Text.Json;

namespace Tessera.Training;

/// <summary>
/// What a BPE training run learnt: the vocabulary (by id), the merges (by rank) and the special tokens (the first ids).
/// <see cref="ToTokenizer"/> makes it a tokenizer; its <see cref="Tokenizer.Save"/> writes a tokenizer.json that
/// Hugging Face tokenizers loads.
/// </summary>
public sealed class TrainedBpe
{
    internal TrainedBpe(IReadOnlyList<string> vocabulary, IReadOnlyList<(string Left, string Right)> merges, IReadOnlyList<string> specialTokens)
    {
        Vocabulary = vocabulary;
        Merges = merges;
        SpecialTokens = specialTokens;
    }

    /// <summary>The tokens, by id.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The merges, by rank.</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>The special tokens, which hold the first ids.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>
    /// The tokenizer: with <paramref name="byteLevel"/>, the pipeline of Hugging Face's byte-level BPE (ByteLevel
    /// pre-tokenizer with GPT-2's pattern and no prefix space, ByteLevel post-processor and decoder), else the model alone.
    /// </summary>
    public Tokenizer ToTokenizer(bool byteLevel) => Tokenizer.FromJson(ToJson(byteLevel));

    /// <summary>The tokenizer.json text of <see cref="ToTokenizer"/>.</summary>
    public string ToJson(bool byteLevel)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            json.WriteStartArray("added_tokens");
            for (int id = 0; id < SpecialTokens.Count; id++)
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("content", SpecialTokens[id]);
                json.WriteBoolean("single_word", false);
                json.WriteBoolean("lstrip", false);
                json.WriteBoolean("rstrip", false);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
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
            json.WriteStartObject("model");
            json.WriteString("type", "BPE");
            json.WriteNull("dropout");
            json.WriteNull("unk_token");
            json.WriteNull("continuing_subword_prefix");
            json.WriteNull("end_of_word_suffix");
            json.WriteBoolean("fuse_unk", false);
            json.WriteBoolean("byte_fallback", false);
            json.WriteBoolean("ignore_merges", false);
            json.WriteStartObject("vocab");
            for (int id = 0; id < Vocabulary.Count; id++)
                json.WriteNumber(Vocabulary[id], id);
            json.WriteEndObject();
            json.WriteStartArray("merges");
            foreach ((string left, string right) in Merges)
            {
                json.WriteStartArray();
                json.WriteStringValue(left);
                json.WriteStringValue(right);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

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
