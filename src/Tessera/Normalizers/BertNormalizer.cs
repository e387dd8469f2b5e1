using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// BERT's text cleanup (Hugging Face's <c>BertNormalizer</c>), in this order: <c>clean_text</c> removes U+0000,
/// U+FFFD and the control, format and private-use characters (Unicode 8.0.0, except tab, line feed and carriage
/// return) and turns whitespace into spaces; <c>handle_chinese_chars</c> puts a space on each side of every CJK
/// ideograph; <c>strip_accents</c> (when null, the value of <c>lowercase</c>) applies NFD and removes the non-spacing
/// marks (Mn, Unicode 8.0.0); <c>lowercase</c> lowercases as <see cref="LowercaseNormalizer"/>.
/// </summary>
internal sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool? stripAccents, bool lowercase) : INormalizer
{
    public bool CleanText { get; } = cleanText;

    public bool HandleChineseChars { get; } = handleChineseChars;

    /// <summary>Whether to strip accents; null means "as <see cref="Lowercase"/>".</summary>
    public bool? StripAccents { get; } = stripAccents;

    public bool Lowercase { get; } = lowercase;

    public static BertNormalizer FromJson(JsonObject json) =>
        new(json.Bool("clean_text"), json.Bool("handle_chinese_chars"), json.OptionalBool("strip_accents"), json.Bool("lowercase"));

    public void Normalize(NormalizedString text)
    {
        if (CleanText)
            DoCleanText(text);
        if (HandleChineseChars)
            DoHandleChineseChars(text);
        if (StripAccents ?? Lowercase)
            DoStripAccents(text);
        if (Lowercase)
            LowercaseNormalizer.Apply(text);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "BertNormalizer");
        writer.WriteBoolean("clean_text", CleanText);
        writer.WriteBoolean("handle_chinese_chars", HandleChineseChars);
        if (StripAccents is { } strip)
            writer.WriteBoolean("strip_accents", strip);
        else
            writer.WriteNull("strip_accents");
        writer.WriteBoolean("lowercase", Lowercase);
        writer.WriteEndObject();
    }

    /// <summary>The CJK ideograph blocks BERT pads with spaces (not Hangul, Hiragana or Katakana).</summary>
    public static bool IsChineseChar(int c) =>
        c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B920 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    private static void DoCleanText(NormalizedString text)
    {
        CodePointSet others = UnicodeData.Instance.BertOthers;
        ReadOnlySpan<byte> normalized = text.Normalized;
        var changes = new ChangeList(normalized.Length);
        for (int i = 0; i < normalized.Length;)
        {
            int c = Utf8Chars.Decode(normalized, i, out int length);
            i += length;
            bool control = c is not ('\t' or '\n' or '\r') && others.Contains(c);
            if (c is 0 or 0xFFFD || control)
                changes.Remove();
            else
                changes.Keep(c, CharClass.IsWhiteSpace(c) ? ' ' : c); // tab, line feed and return are White_Space too
        }
        changes.ApplyTo(text);
    }

    private static void DoHandleChineseChars(NormalizedString text)
    {
        ReadOnlySpan<byte> normalized = text.Normalized;
        var changes = new ChangeList(normalized.Length);
        for (int i = 0; i < normalized.Length;)
        {
            int c = Utf8Chars.Decode(normalized, i, out int length);
            i += length;
            if (IsChineseChar(c))
            {
                // As Hugging Face: the first space takes the ideograph's place, the ideograph and the second space follow.
                changes.Keep(c, ' ');
                changes.Insert(c);
                changes.Insert(' ');
            }
            else
            {
                changes.Keep(c, c);
            }
        }
        changes.ApplyTo(text);
    }

    private static void DoStripAccents(NormalizedString text)
    {
        if (!UnicodeNormalization.IsUnchanged(text.Normalized, composing: false, compatibility: false))
            text.Transform(UnicodeNormalization.Decompose(text.CodePoints(), compatibility: false), 0);
        StripAccentsNormalizer.Remove(text, UnicodeData.Instance.BertNonSpacingMarks);
    }
}
