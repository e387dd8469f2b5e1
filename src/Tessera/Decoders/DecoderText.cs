using System.Text;

namespace Tessera.Decoders;

/// <summary>String operations with Rust's semantics, as Hugging Face's decoders use them.</summary>
internal static class DecoderText
{
    /// <summary>
    /// Rust's <c>str::replace</c>: every occurrence of <paramref name="pattern"/>, left to right, without overlap; an
    /// empty pattern matches before every character and at the end (<c>"ab".replace("", "_")</c> is <c>"_a_b_"</c>).
    /// </summary>
    public static string Replace(string text, string pattern, string replacement)
    {
        if (pattern.Length > 0)
            return text.Replace(pattern, replacement, StringComparison.Ordinal);
        var result = new StringBuilder(text.Length + (text.Length + 1) * replacement.Length);
        foreach (Rune rune in text.EnumerateRunes())
            result.Append(replacement).Append(rune.ToString());
        return result.Append(replacement).ToString();
    }

    /// <summary>The code points of <paramref name="text"/> (Rust's <c>chars()</c>).</summary>
    public static List<Rune> Chars(string text)
    {
        var runes = new List<Rune>(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
            runes.Add(rune);
        return runes;
    }

    /// <summary>Code points [start, end) of <paramref name="runes"/> as a string.</summary>
    public static string Join(List<Rune> runes, int start, int end)
    {
        var result = new StringBuilder(end - start);
        for (int i = start; i < end; i++)
            result.Append(runes[i].ToString());
        return result.ToString();
    }

    /// <summary>The one code point of a tokenizer.json <c>char</c> field.</summary>
    public static bool TryGetSingleChar(string text, out Rune rune)
    {
        rune = default;
        return Rune.DecodeFromUtf16(text, out rune, out int consumed) == System.Buffers.OperationStatus.Done && consumed == text.Length;
    }
}
