namespace Tessera.Training;

/// <summary>
/// Orders strings by code point, as Rust orders them (by UTF-8 bytes) and SentencePiece (by UTF-8 bytes); .NET's
/// ordinal order is by UTF-16 unit, which differs only where a surrogate (U+D800..U+DFFF, half of a code point above
/// U+FFFF) meets a unit of U+E000..U+FFFF: the surrogate's code point is the greater. So the first differing units are
/// compared with surrogates moved above U+FFFF.
/// </summary>
internal static class CodePointOrder
{
    public static readonly IComparer<string> Comparer = Comparer<string>.Create(Compare);

    public static int Compare(string x, string y) => Compare(x.AsSpan(), y.AsSpan());

    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        int same = x.CommonPrefixLength(y);
        if (same == x.Length || same == y.Length)
            return x.Length.CompareTo(y.Length);
        return Rank(x[same]).CompareTo(Rank(y[same]));
    }

    /// <summary>The unit's place in code point order: surrogates after every other unit.</summary>
    private static int Rank(char unit) => unit is >= '\uD800' and <= '\uDFFF' ? unit + 0x10000 : unit;
}
