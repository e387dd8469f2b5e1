using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Hugging Face's <c>Precompiled</c> normalizer (normalizers/precompiled.rs over the spm_precompiled crate): a
/// SentencePiece <c>precompiled_charsmap</c> applied per extended grapheme cluster. A cluster shorter than 6 bytes
/// whose start matches a rule (the shortest rule that is a prefix of it) is replaced whole; otherwise each character
/// that matches is replaced alone. Alignments follow Hugging Face's (its <c>replace</c> helper): a replacement's
/// characters replace the old ones in turn, extra ones count as inserted, and a shorter replacement makes the last
/// change so far remove the difference (the previous character's, when the replacement is empty). It does none of
/// SentencePiece's own
/// whitespace handling (other normalizers and pre-tokenizers do that in a tokenizer.json).
/// </summary>
internal sealed class PrecompiledNormalizer : INormalizer
{
    private readonly PrecompiledCharsMap _map;

    public PrecompiledNormalizer(PrecompiledCharsMap map) => _map = map;

    public static PrecompiledNormalizer FromJson(JsonObject json)
    {
        string encoded = json.String("precompiled_charsmap");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(encoded);
        }
        catch (FormatException e)
        {
            throw new TokenizerFormatException(json.File, 0, TokenizerFormatException.Quote(encoded),
                $"{json.Path}.precompiled_charsmap: not base64", e);
        }
        return new PrecompiledNormalizer(PrecompiledCharsMap.TryParseHuggingFace(blob, out string? problem)
            ?? throw json.ErrorAt("precompiled_charsmap", problem!));
    }

    public void Normalize(NormalizedString text)
    {
        ReadOnlySpan<byte> utf8 = text.Normalized;
        if (utf8.IsEmpty)
            return;
        string s = text.NormalizedText;
        var changes = new List<(int CodePoint, int Change)>(s.Length);
        bool modified = false;
        int at = 0;
        for (int i = 0; i < s.Length;)
        {
            int length = StringInfo.GetNextTextElementLength(s.AsSpan(i));
            int bytes = Encoding.UTF8.GetByteCount(s.AsSpan(i, length));
            ReadOnlySpan<byte> cluster = utf8.Slice(at, bytes);
            if (bytes < 6 && _map.TryFirstMatch(cluster, out ReadOnlySpan<byte> replacement))
            {
                modified = true;
                AddReplacement(changes, replacement, Utf8Chars.Count(cluster));
            }
            else
            {
                for (int k = 0; k < cluster.Length;)
                {
                    int codePoint = Utf8Chars.Decode(cluster, k, out int charLength);
                    if (_map.TryFirstMatch(cluster.Slice(k, charLength), out replacement))
                    {
                        modified = true;
                        AddReplacement(changes, replacement, 1);
                    }
                    else
                    {
                        changes.Add((codePoint, 0));
                    }
                    k += charLength;
                }
            }
            i += length;
            at += bytes;
        }
        if (modified)
            text.Transform(changes, 0);
    }

    /// <summary>
    /// Hugging Face's <c>replace</c>: the new characters replace the old ones; when there are more, the last extra ones
    /// count as inserted; when there are fewer, the last change so far (which is the previous character's when the
    /// replacement is empty) removes the difference.
    /// </summary>
    private static void AddReplacement(List<(int CodePoint, int Change)> changes, ReadOnlySpan<byte> replacement, int oldCount)
    {
        int newCount = 0;
        for (int k = 0; k < replacement.Length; newCount++)
        {
            changes.Add((Utf8Chars.Decode(replacement, k, out int charLength), 0));
            k += charLength;
        }
        int difference = newCount - oldCount;
        if (difference > 0)
        {
            for (int i = changes.Count - difference; i < changes.Count; i++)
                changes[i] = (changes[i].CodePoint, 1);
        }
        else if (difference < 0 && changes.Count > 0)
        {
            changes[^1] = (changes[^1].CodePoint, changes[^1].Change + difference);
        }
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Precompiled");
        writer.WriteString("precompiled_charsmap", Convert.ToBase64String(_map.Blob));
        writer.WriteEndObject();
    }
}
