using Tessera.Internal;
using Tessera.Models;
using Tessera.Models.Bpe;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads a BPE model's <c>"vocab"</c> object and <c>"merges"</c> array with a <see cref="JsonScanner"/>: token strings
/// are copied from the file into the vocabulary's arena (unescaped only when they hold escapes), and merges are kept
/// as byte ranges of the file, to be resolved to ids together once the vocabulary and the model's options are read
/// (<see cref="MergeResolver.ResolveAll"/>). Null or false for anything the scanner does not read: the caller then
/// reads the file with the JSON reader, which reports what is wrong.
/// </summary>
internal static class BpeJsonScanner
{
    /// <summary>The fewest bytes a vocabulary entry takes in JSON: <c>"a":0</c> and a comma or the object's end.</summary>
    private const int ShortestEntry = 6;

    /// <summary>The fewest bytes a merge takes in JSON: <c>"a b"</c> and a comma or the array's end.</summary>
    private const int ShortestMerge = 6;

    /// <summary>Reads the vocabulary object that comes next, or returns null.</summary>
    public static StringVocabulary? TryReadVocabulary(ref JsonScanner scan, ReadOnlySpan<byte> json)
    {
        int bytesLeft = json.Length - scan.Position;
        var builder = new StringVocabulary.Builder(bytesLeft, bytesLeft / ShortestEntry + 1);
        if (!scan.TryRead((byte)'{'))
            return null;
        if (!scan.TryRead((byte)'}'))
        {
            byte[] scratch = [];
            do
            {
                if (!scan.TryReadString(out int at, out int length, out bool escaped) || !scan.TryRead((byte)':') || !scan.TryReadId(out int id))
                    return null;
                if (escaped)
                {
                    if (scratch.Length < length)
                        scratch = new byte[Math.Max(length, 256)];
                    int written = JsonScanner.Unescape(json, at, length, scratch);
                    if (written < 0)
                        return null;
                    builder.Add(scratch.AsSpan(0, written), id);
                }
                else
                {
                    builder.Add(json.Slice(at, length), id);
                }
            }
            while (scan.TryRead((byte)','));
            if (!scan.TryRead((byte)'}'))
                return null;
        }
        return builder.Build();
    }

    /// <summary>
    /// Reads the merges array that comes next as byte ranges (of <paramref name="json"/>, or of
    /// <paramref name="unescaped"/> for parts written with escapes), or returns false.
    /// </summary>
    public static bool TryReadMerges(ref JsonScanner scan, ReadOnlySpan<byte> json, out NativeList<MergeText> merges, out NativeList<byte> unescaped)
    {
        int bytesLeft = json.Length - scan.Position;
        merges = new NativeList<MergeText>(bytesLeft / ShortestMerge + 1);
        unescaped = new NativeList<byte>(bytesLeft);
        if (!scan.TryRead((byte)'['))
            return false;
        if (!scan.TryRead((byte)']'))
        {
            do
            {
                bool read = scan.Peek() == '[' ? TryReadPair(ref scan, json, unescaped, merges) : TryReadLegacy(ref scan, json, unescaped, merges);
                if (!read)
                    return false;
            }
            while (scan.TryRead((byte)','));
            if (!scan.TryRead((byte)']'))
                return false;
        }
        return true;
    }

    /// <summary>A merge as <c>"left right"</c>: exactly one space (Hugging Face splits on every space and wants two parts).</summary>
    private static bool TryReadLegacy(ref JsonScanner scan, ReadOnlySpan<byte> json, NativeList<byte> unescaped, NativeList<MergeText> merges)
    {
        if (!TryReadPart(ref scan, json, unescaped, out int start, out int length))
            return false;
        ReadOnlySpan<byte> line = start >= 0 ? json.Slice(start, length) : unescaped.Items.Slice(~start, length);
        int space = line.IndexOf((byte)' ');
        if (space < 0 || line[(space + 1)..].Contains((byte)' '))
            return false;
        int rightStart = start >= 0 ? start + space + 1 : ~(~start + space + 1);
        merges.Add(new MergeText(start, space, rightStart, length - space - 1));
        return true;
    }

    /// <summary>A merge as <c>["left", "right"]</c>.</summary>
    private static bool TryReadPair(ref JsonScanner scan, ReadOnlySpan<byte> json, NativeList<byte> unescaped, NativeList<MergeText> merges)
    {
        if (!scan.TryRead((byte)'[') || !TryReadPart(ref scan, json, unescaped, out int left, out int leftLength) || !scan.TryRead((byte)',')
            || !TryReadPart(ref scan, json, unescaped, out int right, out int rightLength) || !scan.TryRead((byte)']'))
            return false;
        merges.Add(new MergeText(left, leftLength, right, rightLength));
        return true;
    }

    /// <summary>A string as a range of the file, or (start negative, <c>~start</c>) of <paramref name="unescaped"/> when it holds escapes.</summary>
    private static bool TryReadPart(ref JsonScanner scan, ReadOnlySpan<byte> json, NativeList<byte> unescaped, out int start, out int length)
    {
        if (!scan.TryReadString(out start, out length, out bool escaped))
            return false;
        if (!escaped)
            return true;
        Span<byte> room = stackalloc byte[256];
        Span<byte> destination = length <= room.Length ? room : new byte[length];
        int written = JsonScanner.Unescape(json, start, length, destination);
        if (written < 0)
            return false;
        start = ~unescaped.AddRange(destination[..written]);
        length = written;
        return true;
    }
}
