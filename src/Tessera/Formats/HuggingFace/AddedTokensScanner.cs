using System.Text;
using System.Text.Unicode;
using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads a tokenizer.json's <c>"added_tokens"</c> array with a <see cref="JsonScanner"/>, straight from the file's bytes:
/// Gemma 3 has 6,415 added tokens, which took 3-4 ms to parse as a JSON document and 7-10 ms more to read field by
/// field, and take 2.3-5 ms here. Only the plain form is read (each token an object of <c>id</c>, <c>content</c> and
/// the five flags, each at most once, the flags true or false); null for anything else, which the caller then reads as
/// a JSON tree, reporting what is wrong and where.
/// </summary>
internal static class AddedTokensScanner
{
    [Flags]
    private enum Field { Id = 1, Content = 2, SingleWord = 4, LStrip = 8, RStrip = 16, Normalized = 32, Special = 64 }

    /// <summary>Reads the array that comes next, or returns null (the scan's position is then unspecified).</summary>
    public static List<AddedToken>? TryRead(ref JsonScanner scan, ReadOnlySpan<byte> json)
    {
        var tokens = new List<AddedToken>();
        if (!scan.TryRead((byte)'['))
            return null;
        if (scan.TryRead((byte)']'))
            return tokens;
        byte[] scratch = [];
        do
        {
            if (TryReadToken(ref scan, json, ref scratch) is not { } token)
                return null;
            tokens.Add(token);
        }
        while (scan.TryRead((byte)','));
        return scan.TryRead((byte)']') ? tokens : null;
    }

    private static AddedToken? TryReadToken(ref JsonScanner scan, ReadOnlySpan<byte> json, ref byte[] scratch)
    {
        if (!scan.TryRead((byte)'{'))
            return null;
        Field seen = 0;
        string? content = null;
        bool special = false, singleWord = false, lstrip = false, rstrip = false;
        bool? normalized = null;
        do
        {
            if (!scan.TryReadString(out int at, out int length, out bool escaped) || escaped || !scan.TryRead((byte)':'))
                return null;
            Field field = FieldNamed(json.Slice(at, length));
            if (field == 0 || (seen & field) != 0)
                return null;
            seen |= field;
            bool read = field switch
            {
                Field.Id => scan.TryReadId(out _), // Hugging Face numbers added tokens itself (AddedVocabulary)
                Field.Content => TryReadText(ref scan, json, ref scratch, out content),
                Field.SingleWord => scan.TryReadBool(out singleWord),
                Field.LStrip => scan.TryReadBool(out lstrip),
                Field.RStrip => scan.TryReadBool(out rstrip),
                Field.Special => scan.TryReadBool(out special),
                _ => TryReadFlag(ref scan, out normalized),
            };
            if (!read)
                return null;
        }
        while (scan.TryRead((byte)','));
        if (!scan.TryRead((byte)'}') || content is null)
            return null;
        return new AddedToken(content, special, singleWord, lstrip, rstrip, normalized);
    }

    private static bool TryReadFlag(ref JsonScanner scan, out bool? value)
    {
        bool read = scan.TryReadBool(out bool flag);
        value = flag;
        return read;
    }

    private static Field FieldNamed(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("id"u8) => Field.Id,
        _ when name.SequenceEqual("content"u8) => Field.Content,
        _ when name.SequenceEqual("single_word"u8) => Field.SingleWord,
        _ when name.SequenceEqual("lstrip"u8) => Field.LStrip,
        _ when name.SequenceEqual("rstrip"u8) => Field.RStrip,
        _ when name.SequenceEqual("normalized"u8) => Field.Normalized,
        _ when name.SequenceEqual("special"u8) => Field.Special,
        _ => 0,
    };

    /// <summary>Reads a string as text; false when it is not a string, or its escapes or bytes are not valid UTF-8.</summary>
    private static bool TryReadText(ref JsonScanner scan, ReadOnlySpan<byte> json, ref byte[] scratch, out string? text)
    {
        text = null;
        if (!scan.TryReadString(out int at, out int length, out bool escaped))
            return false;
        ReadOnlySpan<byte> utf8 = json.Slice(at, length);
        if (escaped && !JsonScanner.TryUnescape(json, at, length, ref scratch, out utf8))
            return false;
        if (!Utf8.IsValid(utf8))
            return false;
        text = Utf8Strings.Decode(utf8);
        return true;
    }
}
