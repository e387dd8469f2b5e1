using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Internal;
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
internal sealed class PrecompiledNormalizer : INormalizer, IBytesNormalizer
{
    private readonly PrecompiledCharsMap _map;
    private readonly bool[] _untouched = new bool[256]; // ASCII characters without a rule of their own, but CR (see UntouchedAsciiRun)
    private readonly bool _printableUntouched;          // whether all of printable ASCII is

    public PrecompiledNormalizer(PrecompiledCharsMap map)
    {
        _map = map;
        for (int b = 0; b < 128; b++)
            _untouched[b] = b != '\r' && !map.TryFirstMatch([(byte)b], out _);
        _printableUntouched = true;
        for (int b = 0x20; b < 0x7F; b++)
            _printableUntouched &= _untouched[b];
    }

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
        int first = UntouchedAsciiRun(utf8, 0);
        if (first == utf8.Length)
            return;
        var output = new ChangesOutput(new List<(int, int)>(utf8.Length - first));
        Rewrite(utf8, first, ref output);
        if (output.Modified)
            text.Transform(first, utf8.Length, output.Changes, 0);
    }

    public void NormalizeBytes(ReadOnlySpan<byte> text, ByteWriter output)
    {
        int first = UntouchedAsciiRun(text, 0);
        output.Write(text[..first]);
        var bytes = new BytesOutput(output);
        Rewrite(text, first, ref bytes);
    }

    /// <summary>
    /// The rules applied to each grapheme cluster of <paramref name="utf8"/> from <paramref name="at"/> on; a run of
    /// ASCII characters no rule touches is kept in one step (<see cref="UntouchedAsciiRun"/>), as each of its characters
    /// would be (in prose with curly quotes, the rest of a line after the first one was most of the normalizer's time).
    /// </summary>
    private void Rewrite<TOutput>(ReadOnlySpan<byte> utf8, int at, ref TOutput output) where TOutput : struct, IRewriteOutput
    {
        Span<char> window = stackalloc char[64];
        while (at < utf8.Length)
        {
            int run = UntouchedAsciiRun(utf8, at);
            if (run > 0)
            {
                output.KeepAscii(utf8.Slice(at, run));
                if ((at += run) == utf8.Length)
                    break;
            }
            int bytes = ClusterBytes(utf8, at, window);
            ReadOnlySpan<byte> cluster = utf8.Slice(at, bytes);
            if (bytes < 6 && _map.TryFirstMatch(cluster, out ReadOnlySpan<byte> replacement))
            {
                output.Replace(replacement, Utf8Chars.Count(cluster));
            }
            else
            {
                for (int k = 0; k < cluster.Length;)
                {
                    int codePoint = Utf8Chars.Decode(cluster, k, out int charLength);
                    if (_map.TryFirstMatch(cluster.Slice(k, charLength), out replacement))
                        output.Replace(replacement, 1);
                    else
                        output.Keep(codePoint, cluster.Slice(k, charLength));
                    k += charLength;
                }
            }
            at += bytes;
        }
    }

    /// <summary>
    /// The length in bytes of the grapheme cluster at <paramref name="at"/> (.NET's segmentation): an ASCII character
    /// followed by another (not CR then LF) is one on its own; otherwise a window of the text is segmented.
    /// </summary>
    private static int ClusterBytes(ReadOnlySpan<byte> utf8, int at, Span<char> window)
    {
        byte b = utf8[at];
        if (b < 0x80 && (at + 1 == utf8.Length || (utf8[at + 1] < 0x80 && !(b == '\r' && utf8[at + 1] == '\n'))))
            return 1;
        for (int span = 64; ; span *= 2)
        {
            int end = Math.Min(utf8.Length, at + span);
            while (end < utf8.Length && (utf8[end] & 0xC0) == 0x80)
                end--; // a whole number of characters
            ReadOnlySpan<byte> part = utf8[at..end];
            Span<char> chars = part.Length <= window.Length ? window : new char[part.Length];
            int count = Encoding.UTF8.GetChars(part, chars);
            int length = StringInfo.GetNextTextElementLength(chars[..count]);
            if (length < count || end == utf8.Length)
                return Encoding.UTF8.GetByteCount(chars[..length]);
        }
    }

    /// <summary>Where <see cref="Rewrite"/> puts each character it keeps and each replacement.</summary>
    private interface IRewriteOutput
    {
        void Keep(int codePoint, ReadOnlySpan<byte> utf8);

        /// <summary>Keeps ASCII characters, each as <see cref="Keep"/> would.</summary>
        void KeepAscii(ReadOnlySpan<byte> ascii);
        void Replace(ReadOnlySpan<byte> replacement, int oldCount);
    }

    /// <summary>Changes for <see cref="NormalizedString.Transform(int, int, IEnumerable{ValueTuple{int, int}}, int)"/>.</summary>
    private struct ChangesOutput(List<(int CodePoint, int Change)> changes) : IRewriteOutput
    {
        public readonly List<(int CodePoint, int Change)> Changes = changes;
        public bool Modified;

        public readonly void Keep(int codePoint, ReadOnlySpan<byte> utf8) => Changes.Add((codePoint, 0));

        public readonly void KeepAscii(ReadOnlySpan<byte> ascii)
        {
            foreach (byte b in ascii)
                Changes.Add((b, 0));
        }

        public void Replace(ReadOnlySpan<byte> replacement, int oldCount)
        {
            Modified = true;
            AddReplacement(Changes, replacement, oldCount);
        }
    }

    /// <summary>The normalized bytes alone.</summary>
    private readonly struct BytesOutput(ByteWriter output) : IRewriteOutput
    {
        public void Keep(int codePoint, ReadOnlySpan<byte> utf8) => output.Write(utf8);

        public void KeepAscii(ReadOnlySpan<byte> ascii) => output.Write(ascii);

        public void Replace(ReadOnlySpan<byte> replacement, int oldCount) => output.Write(replacement);
    }

    /// <summary>
    /// How many bytes from <paramref name="at"/> no rule can touch: ASCII characters without a rule of their own, each
    /// its own grapheme cluster (no ASCII character joins the next one but CR with LF, so CR is left to the cluster
    /// path, where a rule for CR LF would apply). The last one before other text is not counted (a combining mark after
    /// it would make a cluster with it, and an empty replacement right after it changes its alignment), so the rewrite
    /// goes on with it.
    /// </summary>
    private int UntouchedAsciiRun(ReadOnlySpan<byte> utf8, int at)
    {
        int i = at;
        if (_printableUntouched)
            i += PrintableAscii.RunLength(utf8[at..]);
        while (i < utf8.Length && _untouched[utf8[i]])
            i++;
        return i == utf8.Length ? i - at : Math.Max(0, i - at - 1);
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
