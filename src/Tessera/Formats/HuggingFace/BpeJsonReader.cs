using System.Buffers;
using System.Text;
using System.Text.Json;
using Tessera.Internal;
using Tessera.Models;
using Tessera.Models.Bpe;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads a BPE model's <c>"vocab"</c> object and <c>"merges"</c> array through <see cref="Utf8JsonReader"/>: token
/// strings go into one UTF-8 arena (<see cref="StringVocabulary"/>) and merges become id triples, with no string made
/// per token. The path for files the faster scan (<see cref="BpeJsonScanner"/>) leaves to the reader, which then
/// reports what is wrong with its line and position.
/// </summary>
internal static class BpeJsonReader
{
    /// <summary>
    /// Reads the vocabulary object the reader is at, leaving the reader on its end. <paramref name="bytesLeft"/> (from
    /// the object's start to the end of the text) bounds its size.
    /// </summary>
    public static StringVocabulary ReadVocabulary(ref Utf8JsonReader reader, string file, long bytesLeft)
    {
        var builder = new StringVocabulary.Builder(bytesLeft, bytesLeft / ShortestEntry + 1);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> token = Unescaped(ref reader, ref scratch);
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int id) || id < 0)
                    throw new TokenizerFormatException(file, 0, TokenizerFormatException.Quote(Encoding.UTF8.GetString(token)),
                        "$.model.vocab: expected a non-negative integer id");
                builder.Add(token, id);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        return builder.Build();
    }

    /// <summary>
    /// Reads the merges array the reader is at, leaving the reader on its end: per rank, the pair's ids and the id it
    /// makes. <paramref name="bytesLeft"/> (from the array's start to the end of the text) bounds how many there are.
    /// </summary>
    public static NativeList<MergeTriple> ReadMerges(ref Utf8JsonReader reader, string file, MergeResolver resolver, long bytesLeft)
    {
        var merges = new NativeList<MergeTriple>(bytesLeft / ShortestMerge + 1);
        byte[] first = ArrayPool<byte>.Shared.Rent(1024), second = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            for (int rank = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; rank++)
            {
                merges.Add(reader.TokenType switch
                {
                    JsonTokenType.String => Legacy(ref reader, ref first, resolver, rank, file),
                    JsonTokenType.StartArray => Pair(ref reader, ref first, ref second, resolver, rank, file),
                    _ => throw BadMerge(file, rank, ""),
                });
            }
        }
        catch (BpeMergeException e)
        {
            throw MergeError(file, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<byte>.Shared.Return(second);
        }
        return merges;
    }

    /// <summary>The fewest bytes a vocabulary entry takes in JSON: <c>"a":0</c> and a comma or the object's end.</summary>
    public const int ShortestEntry = 6;

    /// <summary>The fewest bytes a merge takes in JSON: <c>"a b"</c> and a comma or the array's end.</summary>
    public const int ShortestMerge = 6;

    /// <summary>
    /// Where a merge written as <c>"left right"</c> splits: its one space, or -1 when it has none or more than one
    /// (Hugging Face splits on every space and wants two parts).
    /// </summary>
    public static int SpaceOfLegacyMerge(ReadOnlySpan<byte> line)
    {
        int space = line.IndexOf((byte)' ');
        return space < 0 || line[(space + 1)..].Contains((byte)' ') ? -1 : space;
    }

    /// <summary>A merge as <c>"left right"</c>: exactly one space (Hugging Face splits on every space and wants two parts).</summary>
    private static MergeTriple Legacy(ref Utf8JsonReader reader, ref byte[] scratch, MergeResolver resolver, int rank, string file)
    {
        ReadOnlySpan<byte> line = Unescaped(ref reader, ref scratch);
        int space = SpaceOfLegacyMerge(line);
        if (space < 0)
            throw BadMerge(file, rank, Encoding.UTF8.GetString(line));
        return resolver.Resolve(rank, line[..space], line[(space + 1)..]);
    }

    /// <summary>A merge as <c>["left", "right"]</c>.</summary>
    private static MergeTriple Pair(ref Utf8JsonReader reader, ref byte[] first, ref byte[] second, MergeResolver resolver, int rank, string file)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            throw BadMerge(file, rank, "");
        int leftLength = Unescaped(ref reader, ref first).Length;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            throw BadMerge(file, rank, "");
        ReadOnlySpan<byte> rightPart = Unescaped(ref reader, ref second);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            throw BadMerge(file, rank, "");
        return resolver.Resolve(rank, first.AsSpan(0, leftLength), rightPart);
    }

    /// <summary>A merge naming a token the vocabulary lacks, as a format error naming the merge.</summary>
    public static TokenizerFormatException MergeError(string file, BpeMergeException e) =>
        new(file, 0, $"{e.Left} {e.Right}", $"$.model.merges[{e.Rank}]: {e.Message}");

    private static TokenizerFormatException BadMerge(string file, int rank, string text) =>
        new(file, 0, TokenizerFormatException.Quote(text), $"$.model.merges[{rank}]: expected a merge \"left right\" or [\"left\", \"right\"]");

    /// <summary>The current string's UTF-8 bytes, unescaped into <paramref name="scratch"/> when it has escapes.</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, ref byte[] scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            ReadOnlySpan<byte> raw = reader.ValueSpan;
            if (raw.Length > scratch.Length)
            {
                ArrayPool<byte>.Shared.Return(scratch);
                scratch = ArrayPool<byte>.Shared.Rent(raw.Length);
            }
            raw.CopyTo(scratch);
            return scratch.AsSpan(0, raw.Length);
        }
        int max = reader.ValueSpan.Length;
        if (max > scratch.Length)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(max);
        }
        int written = reader.CopyString(scratch);
        return scratch.AsSpan(0, written);
    }
}
