using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tessera.Normalizers;
using Tessera.Text;

namespace Tessera.Tests.Text;

/// <summary>
/// The crate's streaming decomposition and composition (with changes) give the text of the plain algorithms of
/// UAX #15 (naive reference below, over the same Unicode 9.0 data), and stay fast on long runs of marks.
/// </summary>
public sealed class UnicodeNormalizationTests
{
    // Code points that exercise decomposition, reordering and composition: letters and their precomposed forms,
    // marks of several classes (230, 220, 240, 1, and the Tibetan 129/130 vowel signs), a non-starter decomposition
    // (U+0344), singletons (Kelvin, Ohm), an excluded composite (U+0958), starter-starter composition (Oriya
    // U+0B47 + U+0B3E), Hangul jamo and syllables, compatibility characters.
    private static readonly int[] s_alphabet =
    [
        'a', 'e', 'u', 'A', ' ', 0x00E9, 0x00C5, 0x01D6, 0x1E9B, 0x0301, 0x0300, 0x0308, 0x0304, 0x0316, 0x0323, 0x0345,
        0x0334, 0x0344, 0x0F71, 0x0F72, 0x0F73, 0x0F80, 0x212B, 0x2126, 0x0958, 0x0915, 0x093C, 0x0B47, 0x0B3E, 0x0B57,
        0x1100, 0x1161, 0x11A8, 0x11A7, 0xAC00, 0xAC01, 0xD55C, 0xFB01, 0xFF76, 0xFF9E, 0x3099, 0x304B, 0x2460, 0x1DF6,
        0x1E94A,
    ];

    private static Arbitrary<int[]> Texts() => Gen.Elements(s_alphabet).ArrayOf().ToArbitrary();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DecompositionMatchesTheReference(bool compatibility) =>
        Prop.ForAll(Texts(), input =>
            UnicodeNormalization.Decompose(input, compatibility).Select(d => d.CodePoint).SequenceEqual(ReferenceDecompose(input, compatibility)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CompositionMatchesTheReference(bool compatibility) =>
        Prop.ForAll(Texts(), input =>
            UnicodeNormalization.Compose(input, compatibility).Select(d => d.CodePoint).SequenceEqual(ReferenceCompose(ReferenceDecompose(input, compatibility))))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChangesConsumeEveryOldCodePoint(bool compatibility) =>
        Prop.ForAll(Texts(), input =>
            UnicodeNormalization.Compose(input, compatibility).Sum(d => d.Change <= 0 ? 1 - d.Change : 0) == input.Length
            && UnicodeNormalization.Decompose(input, compatibility).Sum(d => d.Change <= 0 ? 1 - d.Change : 0) == input.Length)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithQuietOnSuccess(true));

    // The quick check: a text it passes comes out of the form exactly as it went in, every change 0. Checked for every
    // code point between two letters (composition with what precedes and follows), in each form.
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void TheQuickCheckOnlyPassesTextTheFormLeavesAlone(bool composing, bool compatibility)
    {
        var wrong = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 0x110000 / 4096, block =>
        {
            for (int c = block * 4096; c < (block + 1) * 4096; c++)
            {
                if (c is >= 0xD800 and <= 0xDFFF)
                    continue;
                int[] text = ['e', c, 'a'];
                if (!UnicodeNormalization.IsUnchanged(Encoding.UTF8.GetBytes(char.ConvertFromUtf32('e') + char.ConvertFromUtf32(c) + "a"), composing, compatibility))
                    continue;
                List<(int CodePoint, int Change)> result = composing
                    ? UnicodeNormalization.Compose(text, compatibility)
                    : UnicodeNormalization.Decompose(text, compatibility);
                if (!result.SequenceEqual(text.Select(t => (t, 0))))
                    wrong.Add(c);
            }
        });
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("\u0316\u0301")]
    [InlineData("\u0301\u0316\u0345\u0334")]
    public async Task LongRunsOfMarksStayFast(string unit)
    {
        string text = "a" + new StringBuilder().Insert(0, unit, 200_000 / unit.Length);
        var normalized = await Task.Run(() =>
        {
            var n = new NormalizedString(text);
            new NfcNormalizer().Normalize(n);
            return n;
        }).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(text.Length - 1, normalized.NormalizedText.Length); // the a absorbs one acute
        Assert.Equal('\u00E1', normalized.NormalizedText[0]);
    }

    private static List<int> ReferenceDecompose(int[] input, bool compatibility)
    {
        UnicodeData data = UnicodeData.Instance;
        var output = new List<int>();
        void Add(int c)
        {
            if (c is >= 0xAC00 and < 0xAC00 + 11172)
            {
                int s = c - 0xAC00;
                output.Add(0x1100 + s / 588);
                output.Add(0x1161 + s % 588 / 28);
                if (s % 28 != 0)
                    output.Add(0x11A7 + s % 28);
            }
            else if (data.Decomposition(c, compatibility) is { } mapping)
            {
                output.AddRange(mapping);
            }
            else
            {
                output.Add(c);
            }
        }
        foreach (int c in input)
            Add(c);
        // Canonical ordering: swap adjacent marks out of class order until none is (a bubble sort, stable).
        for (bool swapped = true; swapped;)
        {
            swapped = false;
            for (int i = 0; i + 1 < output.Count; i++)
            {
                int a = data.CombiningClass(output[i]), b = data.CombiningClass(output[i + 1]);
                if (a > b && b > 0)
                {
                    (output[i], output[i + 1]) = (output[i + 1], output[i]);
                    swapped = true;
                }
            }
        }
        return output;
    }

    // UAX #15 canonical composition: each code point composes with the last starter unless something between them
    // blocks it (a starter, or a mark of the same or a higher class).
    private static List<int> ReferenceCompose(List<int> decomposed)
    {
        UnicodeData data = UnicodeData.Instance;
        var output = new List<int>();
        int starter = -1;
        foreach (int c in decomposed)
        {
            int cls = data.CombiningClass(c);
            if (starter >= 0)
            {
                bool adjacent = starter == output.Count - 1;
                int lastClass = adjacent ? -1 : data.CombiningClass(output[^1]);
                bool blocked = !adjacent && (lastClass == 0 || lastClass >= cls);
                int composite = blocked ? -1 : Compose(data, output[starter], c);
                if (composite >= 0)
                {
                    output[starter] = composite;
                    continue;
                }
            }
            if (cls == 0)
                starter = output.Count;
            output.Add(c);
        }
        return output;
    }

    private static int Compose(UnicodeData data, int first, int second)
    {
        if (first is >= 0x1100 and < 0x1113 && second is >= 0x1161 and < 0x1176)
            return 0xAC00 + ((first - 0x1100) * 21 + (second - 0x1161)) * 28;
        if (first is >= 0xAC00 and < 0xAC00 + 11172 && (first - 0xAC00) % 28 == 0 && second is > 0x11A7 and < 0x11C3)
            return first + (second - 0x11A7);
        return data.Compose(first, second);
    }
}
