namespace Tessera.Training.Unigram;

/// <summary>
/// The Unicode script of a code point (Scripts.txt, generated into <c>UnicodeScripts.Table.cs</c>), which SentencePiece's
/// trainer uses to keep a piece within one script. Code points Scripts.txt leaves out are Common.
/// </summary>
internal static partial class UnicodeScripts
{
    public const int Common = 0;
    public const int Inherited = 1;
    public const int Han = 2;
    public const int Hiragana = 3;
    public const int Katakana = 4;

    /// <summary>The script of <paramref name="codePoint"/>: an index into <see cref="Names"/>.</summary>
    public static int Of(int codePoint)
    {
        ReadOnlySpan<int> starts = RangeStarts;
        int at = starts.BinarySearch(codePoint);
        return RangeScripts[at >= 0 ? at : ~at - 1];
    }
}
