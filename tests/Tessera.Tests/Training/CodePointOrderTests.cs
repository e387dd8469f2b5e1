using System.Text;
using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>The code point order (Rust's and SentencePiece's order of strings) against its definition: code points compared one by one.</summary>
public sealed class CodePointOrderTests
{
    private static int ByDefinition(string x, string y)
    {
        int[] a = [.. x.EnumerateRunes().Select(r => r.Value)], b = [.. y.EnumerateRunes().Select(r => r.Value)];
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
                return a[i].CompareTo(b[i]);
        }
        return a.Length.CompareTo(b.Length);
    }

    [Fact]
    public void AgreesWithComparingCodePoints()
    {
        // where UTF-16 order and code point order part: surrogate pairs against U+E000..U+FFFF
        string[] pieces = ["a", "z", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\U00010000", "\U0001F600", "\U0010FFFF"];
        var random = new Random(7);
        for (int n = 0; n < 20_000; n++)
        {
            string x = Make(random, pieces), y = random.Next(4) == 0 ? x + Make(random, pieces) : Make(random, pieces);
            Assert.Equal(Math.Sign(ByDefinition(x, y)), Math.Sign(CodePointOrder.Compare(x, y)));
        }
        Assert.True(CodePointOrder.Compare("\U00010000", "\uffff") > 0); // ordinal order says the opposite
        Assert.True(string.CompareOrdinal("\U00010000", "\uffff") < 0);
    }

    private static string Make(Random random, string[] pieces)
    {
        var text = new StringBuilder();
        for (int i = random.Next(5); i > 0; i--)
            text.Append(pieces[random.Next(pieces.Length)]);
        return text.ToString();
    }
}
