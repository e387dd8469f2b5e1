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
    /// <summary>Reads the vocabulary object that comes next, or returns null.</summary>
    public static StringVocabulary? TryReadVocabulary(ref JsonScanner scan, ReadOnlySpan<byte> json)
    {
        int bytesLeft = json.Length - scan.Position;
        var builder = new StringVocabulary.Builder(bytesLeft, bytesLeft / BpeJsonReader.ShortestEntry + 1);
        if (!scan.TryRead((byte)'{'))
            return null;
        if (!scan.TryRead((byte)'}'))
        {
            byte[] scratch = [];
            do
            {
                if (!scan.TryReadString(out int at, out int length, out bool escaped) || !scan.TryRead((byte)':') || !scan.TryReadId(out int id))
                    return null;
                ReadOnlySpan<byte> token = json.Slice(at, length);
                if (escaped && !JsonScanner.TryUnescape(json, at, length, ref scratch, out token))
                    return null;
                builder.Add(token, id);
            }
            while (scan.TryRead((byte)','));
            if (!scan.TryRead((byte)'}'))
                return null;
        }
        return builder.Build();
    }

    /// <summary>
    /// Reads the merges array that comes next as byte ranges (of <paramref name="json"/>, or of
    /// <paramref name="unescaped"/> for parts written with escapes), or returns false; also false as soon as
    /// <paramref name="stop"/>, asked every few thousand merges, says so.
    /// </summary>
    public static bool TryReadMerges(ref JsonScanner scan, ReadOnlySpan<byte> json, out NativeList<MergeText> merges, out NativeList<byte> unescaped,
        Func<bool>? stop = null)
    {
        const int StopCheckEvery = 4096;
        int bytesLeft = json.Length - scan.Position;
        merges = new NativeList<MergeText>(bytesLeft / BpeJsonReader.ShortestMerge + 1);
        unescaped = new NativeList<byte>(bytesLeft);
        if (!scan.TryRead((byte)'['))
            return false;
        if (!scan.TryRead((byte)']'))
        {
            var parts = new Parts(json, unescaped);
            do
            {
                bool read = scan.Peek() == '[' ? TryReadPair(ref scan, ref parts, merges) : TryReadLegacy(ref scan, ref parts, merges);
                if (!read || (stop is not null && merges.Count % StopCheckEvery == 0 && stop()))
                    return false;
            }
            while (scan.TryRead((byte)','));
            if (!scan.TryRead((byte)']'))
                return false;
        }
        return true;
    }

    /// <summary>A merge as <c>"left right"</c>: split at its one space (<see cref="BpeJsonReader.SpaceOfLegacyMerge"/>).</summary>
    private static bool TryReadLegacy(ref JsonScanner scan, ref Parts parts, NativeList<MergeText> merges)
    {
        if (!parts.TryRead(ref scan, out int start, out int length))
            return false;
        int space = BpeJsonReader.SpaceOfLegacyMerge(parts.Text(start, length));
        if (space < 0)
            return false;
        int rightStart = start >= 0 ? start + space + 1 : ~(~start + space + 1);
        merges.Add(new MergeText(start, space, rightStart, length - space - 1));
        return true;
    }

    /// <summary>A merge as <c>["left", "right"]</c>.</summary>
    private static bool TryReadPair(ref JsonScanner scan, ref Parts parts, NativeList<MergeText> merges)
    {
        if (!scan.TryRead((byte)'[') || !parts.TryRead(ref scan, out int left, out int leftLength) || !scan.TryRead((byte)',')
            || !parts.TryRead(ref scan, out int right, out int rightLength) || !scan.TryRead((byte)']'))
            return false;
        merges.Add(new MergeText(left, leftLength, right, rightLength));
        return true;
    }

    /// <summary>
    /// Where the merges' strings are: a range of the file, or (start negative, <c>~start</c>) of the unescaped buffer
    /// when the string holds escapes (<see cref="MergeText"/>).
    /// </summary>
    private ref struct Parts(ReadOnlySpan<byte> json, NativeList<byte> unescaped)
    {
        private readonly ReadOnlySpan<byte> _json = json;
        private byte[] _scratch = [];

        public readonly ReadOnlySpan<byte> Text(int start, int length) =>
            start >= 0 ? _json.Slice(start, length) : unescaped.Items.Slice(~start, length);

        public bool TryRead(ref JsonScanner scan, out int start, out int length)
        {
            if (!scan.TryReadString(out start, out length, out bool escaped))
                return false;
            if (!escaped)
                return true;
            if (!JsonScanner.TryUnescape(_json, start, length, ref _scratch, out ReadOnlySpan<byte> text))
                return false;
            start = ~unescaped.AddRange(text);
            length = text.Length;
            return true;
        }
    }
}
