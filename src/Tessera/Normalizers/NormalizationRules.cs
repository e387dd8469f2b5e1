using System.Text;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// SentencePiece's predefined normalization rules, built as its builder builds them (builder.cc) but from Tessera's
/// Unicode data (Unicode 9.0.0) instead of ICU's: <c>nfkc</c>, and <c>nmt_nfkc</c> (spm_train's default). Each is a
/// map from a string to what it becomes, applied longest match first; <see cref="PrecompiledCharsMapWriter"/> compiles
/// it. See docs/algorithms/sentencepiece.md, "Writing a charsmap".
/// </summary>
/// <remarks>
/// nfkc: every character NFKC changes maps to its NFKC; and for every character whose NFKD is several characters that
/// NFC composes, each way of spelling that NFKD with characters that decompose to its characters one for one maps to
/// the NFC (so "e" + U+0301 becomes "é", as NFKC would make it, though no single character rule covers it). Rules that
/// shorter rules already give are dropped. nmt_nfkc adds: tab, line feed, form feed, carriage return, U+1680, U+200B,
/// U+200C, U+200E, U+200F, U+2028, U+2029, U+2581, U+FEFF and U+FFFD become a space; the control characters U+0001-0008,
/// U+000B, U+000E-001F, U+007F, U+008F and U+009F are deleted; and U+FF5E (fullwidth tilde) is left as it is. These are
/// the rules of the nmt_nfkc charsmap spm_train 0.1.97 writes (tests/Tessera.Tests/Normalizers/NormalizationRulesTests.cs).
/// </remarks>
internal static class NormalizationRules
{
    /// <summary>The names spm_train's <c>--normalization_rule_name</c> takes that Tessera builds.</summary>
    public static readonly IReadOnlyList<string> Names = ["identity", "nfkc", "nmt_nfkc"];

    // Only the compiled charsmaps are kept: the rules (224,000 strings) are built again when asked for, and let go.
    private static readonly Lazy<byte[]> s_nfkcBlob = new(() => PrecompiledCharsMapWriter.Write(BuildNfkc()));
    private static readonly Lazy<byte[]> s_nmtNfkcBlob = new(() => PrecompiledCharsMapWriter.Write(BuildNmtNfkc()));

    /// <summary>The rules of <paramref name="name"/> (built anew, about a second); empty for <c>identity</c>.</summary>
    public static IReadOnlyDictionary<string, string> Rules(string name) => name switch
    {
        "identity" => new Dictionary<string, string>(),
        "nfkc" => BuildNfkc(),
        "nmt_nfkc" => BuildNmtNfkc(),
        _ => throw Unknown(name),
    };

    /// <summary>The precompiled charsmap of <paramref name="name"/>; empty for <c>identity</c> (as spm_train writes it).</summary>
    public static byte[] CharsMap(string name) => name switch
    {
        "identity" => [],
        "nfkc" => s_nfkcBlob.Value,
        "nmt_nfkc" => s_nmtNfkcBlob.Value,
        _ => throw Unknown(name),
    };

    /// <summary>The error for a rule name Tessera does not build.</summary>
    public static ArgumentException Unknown(string name) => new($"unknown normalization rule '{name}' (expected {string.Join(", ", Names)})");

    private static Dictionary<string, string> BuildNmtNfkc()
    {
        Dictionary<string, string> rules = BuildNfkc();
        foreach (int c in (int[])[0x9, 0xA, 0xC, 0xD, 0x1680, 0x200B, 0x200C, 0x200E, 0x200F, 0x2028, 0x2029, 0x2581, 0xFEFF, 0xFFFD])
            rules[char.ConvertFromUtf32(c)] = " ";
        foreach (int c in Enumerable.Range(0x1, 8).Concat([0xB]).Concat(Enumerable.Range(0xE, 0x12)).Concat([0x7F, 0x8F, 0x9F]))
            rules[char.ConvertFromUtf32(c)] = ""; // control characters are deleted
        rules.Remove("\uFF5E"); // fullwidth and halfwidth tildes are used differently in Japanese
        return WithoutRedundant(rules);
    }

    private static Dictionary<string, string> BuildNfkc()
    {
        Dictionary<string, string> rules = FromUnicodeData();
        foreach ((int[] from, int[] to) in LaterUnicode)
            rules[Text(from)] = Text(to);
        return WithoutRedundant(rules);
    }

    /// <summary>
    /// The compatibility mappings and compositions of Unicode 10.0 to 13.0 that the charsmaps of spm_train 0.1.97 hold
    /// (compiled with ICU's Unicode 13 data) and Tessera's Unicode 9.0 data lacks, from UnicodeData.txt.
    /// </summary>
    private static readonly (int[] From, int[] To)[] LaterUnicode =
    [
        ([0x32FF], [0x4EE4, 0x548C]), // SQUARE ERA NAME REIWA (12.1): <square> 4EE4 548C
        ([0xAB69], [0x028D]), // MODIFIER LETTER SMALL TURNED W (13.0): <super> 028D
        ([0x1F16C], [0x004D, 0x0052]), // RAISED MR SIGN (12.0): <super> 004D 0052
        .. Enumerable.Range(0, 10).Select(d => (new[] { 0x1FBF0 + d }, new[] { '0' + d })), // SEGMENTED DIGIT ZERO..NINE (13.0): <font> 0030..0039
        ([0x11935, 0x11930], [0x11938]), // DIVES AKURU VOWEL SIGN O (13.0): canonical 11935 11930
    ];

    /// <summary>The nfkc rules from Tessera's Unicode data, before redundant ones are dropped.</summary>
    private static Dictionary<string, string> FromUnicodeData()
    {
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        var decomposed = new HashSet<string>(StringComparer.Ordinal); // NFKDs of more than one character
        var originals = new Dictionary<int, List<int>>(); // a character, and the other characters whose NFKD it is alone
        UnicodeData data = UnicodeData.Instance;
        for (int c = 1; c <= 0x10FFFF; c++)
        {
            if (!IsUnicodeCharacter(c))
                continue;
            if (data.Decomposition(c, compatibility: true) is null && c - 0xAC00 is < 0 or >= 11172)
                continue; // no decomposition (and not a Hangul syllable): NFKC and NFKD leave it alone

            int[] nfkc = Nfkc([c]);
            if (nfkc.Length != 1 || nfkc[0] != c)
                rules[Text(c)] = Text(nfkc);
            int[] nfkd = Nfkd([c]);
            if (nfkd.Length == 1)
            {
                if (nfkd[0] != c)
                    Add(originals, nfkd[0], c);
            }
            else
                decomposed.Add(Text(nfkd));
        }
        foreach (string nfkdText in decomposed.Order(StringComparer.Ordinal))
        {
            int[] nfkd = CodePoints(nfkdText);
            string nfc = Text(Nfc(nfkd));
            if (nfc == nfkdText)
                continue;
            foreach (string spelling in Spellings(nfkd, originals))
            {
                if (spelling != nfc)
                    rules[spelling] = nfc;
            }
        }
        return rules;
    }

    private static void Add(Dictionary<int, List<int>> originals, int nfkd, int original) =>
        (originals.TryGetValue(nfkd, out List<int>? list) ? list : originals[nfkd] = []).Add(original);

    /// <summary>
    /// Every string whose characters decompose one for one to the characters of <paramref name="nfkd"/>: each is itself
    /// (an NFKD's characters decompose to themselves) or one of its <paramref name="originals"/>.
    /// </summary>
    private static List<string> Spellings(int[] nfkd, Dictionary<int, List<int>> originals)
    {
        var spellings = new List<StringBuilder> { new() };
        foreach (int c in nfkd)
        {
            var next = new List<StringBuilder>();
            foreach (StringBuilder prefix in spellings)
            {
                next.Add(new StringBuilder(prefix.ToString()).Append(char.ConvertFromUtf32(c)));
                foreach (int original in originals.GetValueOrDefault(c) ?? [])
                    next.Add(new StringBuilder(prefix.ToString()).Append(char.ConvertFromUtf32(original)));
            }
            spellings = next;
        }
        return [.. spellings.Select(s => s.ToString())];
    }

    /// <summary>
    /// The rules without those of two or more characters that the shorter rules already give: one-character rules are
    /// kept, then each longer one only when applying the rules shorter than it (longest match first) makes something else.
    /// </summary>
    private static Dictionary<string, string> WithoutRedundant(Dictionary<string, string> rules)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        int longest = 0;
        foreach ((string key, string value) in rules)
        {
            int length = Length(key);
            longest = Math.Max(longest, length);
            if (length == 1)
                kept[key] = value;
        }
        // A rule of n characters is checked against the kept rules of fewer: those of n added meanwhile are not used.
        for (int n = 2; n <= longest; n++)
        {
            foreach ((string key, string value) in rules)
            {
                if (Length(key) == n && Apply(kept, CodePoints(key), n - 1) != value)
                    kept[key] = value;
            }
        }
        foreach ((string key, string value) in rules)
        {
            if (Apply(kept, CodePoints(key), longest) != value)
                throw new InvalidOperationException($"normalization rule for '{key}' is not kept by the shorter rules");
        }
        return kept;
    }

    /// <summary>The length of <paramref name="text"/> in code points.</summary>
    private static int Length(string text)
    {
        int length = text.Length;
        foreach (char c in text)
        {
            if (char.IsLowSurrogate(c))
                length--;
        }
        return length;
    }

    /// <summary>Applies <paramref name="rules"/> to <paramref name="text"/>, the longest rule of at most <paramref name="maxLength"/> characters first.</summary>
    private static string Apply(Dictionary<string, string> rules, int[] text, int maxLength)
    {
        var output = new StringBuilder();
        for (int i = 0; i < text.Length;)
        {
            int length = Math.Min(maxLength, text.Length - i);
            for (; length > 0; length--)
            {
                if (rules.TryGetValue(Text(text.AsSpan(i, length)), out string? replacement))
                {
                    output.Append(replacement);
                    break;
                }
            }
            if (length == 0)
            {
                output.Append(char.ConvertFromUtf32(text[i]));
                length = 1;
            }
            i += length;
        }
        return output.ToString();
    }

    /// <summary>ICU's <c>U_IS_UNICODE_CHAR</c>: a code point that is neither a surrogate nor a noncharacter.</summary>
    private static bool IsUnicodeCharacter(int c) => c is < 0xD800 or (> 0xDFFF and <= 0x10FFFF) && c is not (>= 0xFDD0 and <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE;

    private static int[] Nfkc(int[] text) => [.. UnicodeNormalization.Compose(text, compatibility: true).Select(p => p.CodePoint)];

    private static int[] Nfc(int[] text) => [.. UnicodeNormalization.Compose(text, compatibility: false).Select(p => p.CodePoint)];

    private static int[] Nfkd(int[] text) => [.. UnicodeNormalization.Decompose(text, compatibility: true).Select(p => p.CodePoint)];

    private static string Text(params ReadOnlySpan<int> codePoints)
    {
        var text = new StringBuilder();
        foreach (int c in codePoints)
            text.Append(char.ConvertFromUtf32(c));
        return text.ToString();
    }

    private static int[] CodePoints(string text) => [.. text.EnumerateRunes().Select(r => r.Value)];
}
