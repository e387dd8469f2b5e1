using System.Text.Json;
using Tessera.Formats.Json;
using Tessera.Internal;
using Tessera.Models;
using Tessera.Models.Bpe;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads tokenizer.json's <c>"model"</c> object in the same pass as the rest of the file, on the JSON reader's path
/// (<see cref="TokenizerJsonReader.ReadDocument"/>). A BPE model's vocabulary and merges, nearly all of the file, are
/// read token by token (<see cref="BpeJsonReader"/>); its other fields, and every other model, through a JSON tree (<see cref="JsonTree"/>).
/// </summary>
internal static class ModelReader
{
    /// <summary>
    /// Reads the model object the reader is at (its start token), leaving the reader on its end token. Returns null
    /// for a model that is not a BPE with an object vocabulary: the caller reads the object again as a tree.
    /// </summary>
    public static BpeModel? TryReadBpe(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string file)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        string? type = null;
        bool prefixSeen = false, other = false;
        string? prefix = null;
        StringVocabulary? vocabulary = null;
        (int Start, int End) mergesLater = (-1, -1);
        NativeList<MergeTriple>? merges = null;
        // The other fields, copied as they are written into one object read as a tree: no JSON writer, whose first
        // use sets up an encoder (five methods compiled at a first load, for a model of any type).
        using var rest = new MemoryStream();
        rest.WriteByte((byte)'{');
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int nameStart = (int)reader.TokenStartIndex; // the reader reads the whole file: positions are the file's
            string name = reader.GetString()!;
            reader.Read();
            if (other)
            {
                reader.Skip();
                continue;
            }
            switch (name)
            {
                case "vocab" when reader.TokenType == JsonTokenType.StartObject && type is null or "BPE":
                    vocabulary = BpeJsonReader.ReadVocabulary(ref reader, file, utf8.Length - reader.TokenStartIndex);
                    continue;
                case "vocab":
                    other = true;
                    reader.Skip();
                    continue;
                case "merges" when reader.TokenType == JsonTokenType.StartArray && vocabulary is not null && prefixSeen:
                    merges = BpeJsonReader.ReadMerges(ref reader, file, new MergeResolver(vocabulary, prefix), utf8.Length - reader.TokenStartIndex);
                    continue;
                case "merges" when reader.TokenType == JsonTokenType.StartArray:
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    mergesLater = (start, (int)reader.BytesConsumed);
                    continue;
                case "type" when reader.TokenType == JsonTokenType.String:
                    type = reader.GetString();
                    other |= type != "BPE";
                    break;
                case "continuing_subword_prefix":
                    prefixSeen = true;
                    prefix = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
            }
            reader.Skip(); // the value, checked as it is read
            if (rest.Length > 1)
                rest.WriteByte((byte)',');
            rest.Write(utf8[nameStart..(int)reader.BytesConsumed]);
        }
        rest.WriteByte((byte)'}');
        if (other || vocabulary is null || (type is null && merges is null && mergesLater.Start < 0))
            return null;

        var options = new JsonObject(TokenizerJsonReader.Checked(rest.GetBuffer().AsSpan(0, (int)rest.Length), file).Root, file, "$.model");
        BpeOptions bpe = BpeModel.ReadOptions(options);
        if (merges is null && mergesLater.Start >= 0)
        {
            var again = new Utf8JsonReader(utf8[mergesLater.Start..mergesLater.End]);
            again.Read();
            try
            {
                merges = BpeJsonReader.ReadMerges(ref again, file, new MergeResolver(vocabulary, bpe.ContinuingSubwordPrefix), mergesLater.End - mergesLater.Start);
            }
            catch (JsonException e)
            {
                throw TokenizerJsonReader.Malformed(file, e, utf8, mergesLater.Start);
            }
        }
        return new BpeModel(vocabulary, merges ?? new NativeList<MergeTriple>(0), bpe);
    }
}
