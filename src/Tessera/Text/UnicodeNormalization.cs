using Tessera.PreTokenizers.Regex;

namespace Tessera.Text;

/// <summary>
/// The Unicode normalization forms as the crate unicode-normalization-alignments computes them (Hugging Face's
/// NFD/NFKD/NFC/NFKC): each output code point comes with its alignment change for
/// <see cref="NormalizedString.Transform(IEnumerable{ValueTuple{int, int}}, int)"/>. See docs/algorithms/normalization.md.
/// </summary>
/// <remarks>
/// Decomposition: every input code point expands to its full decomposition in mapping order (Hangul syllables
/// algorithmically), the first code point with change 0 and the others +1; then each run that starts at a starter
/// (combining class 0) is sorted stably by combining class, the changes travelling with their code points.
/// Composition runs the crate's state machine over that stream: a code point that composes with the current starter
/// disappears into it, and the composite takes the change <c>starter + absorbed - 1</c>.
/// </remarks>
internal static class UnicodeNormalization
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    /// <summary>Runs longer than this are sorted by a stable sort on keys instead of by insertion.</summary>
    private const int InsertionSortLimit = 16;

    // Per form, the code points that can change or interact: a text without any is left exactly as it is, every
    // change 0 (the quick check that lets already-normalized text skip the transform).
    private static readonly Lazy<CodePointSet> s_nfdActive = new(() => Active(composing: false, compatibility: false));
    private static readonly Lazy<CodePointSet> s_nfkdActive = new(() => Active(composing: false, compatibility: true));
    private static readonly Lazy<CodePointSet> s_nfcActive = new(() => Active(composing: true, compatibility: false));
    private static readonly Lazy<CodePointSet> s_nfkcActive = new(() => Active(composing: true, compatibility: true));

    /// <summary>Whether every normalization form leaves the text unchanged because it is ASCII.</summary>
    public static bool IsTrivial(ReadOnlySpan<byte> utf8) => System.Text.Ascii.IsValid(utf8);

    /// <summary>
    /// Whether the form leaves <paramref name="utf8"/> as it is, with every change 0: no code point of it decomposes
    /// (or, when composing, each recomposes to itself), has a nonzero combining class, or composes with what precedes it.
    /// </summary>
    public static bool IsUnchanged(ReadOnlySpan<byte> utf8, bool composing, bool compatibility)
    {
        int i = utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (i < 0)
            return true;
        CodePointSet active = (composing, compatibility) switch
        {
            (false, false) => s_nfdActive.Value,
            (false, true) => s_nfkdActive.Value,
            (true, false) => s_nfcActive.Value,
            _ => s_nfkcActive.Value,
        };
        while (i < utf8.Length)
        {
            int c = Utf8Chars.Decode(utf8, i, out int length);
            if (active.Contains(c))
                return false;
            i += length;
        }
        return true;
    }

    /// <summary>NFD (or NFKD with <paramref name="compatibility"/>) of <paramref name="input"/>, with changes.</summary>
    public static List<(int CodePoint, int Change)> Decompose(IReadOnlyList<int> input, bool compatibility)
    {
        UnicodeData data = UnicodeData.Instance;
        var output = new List<(int CodePoint, int Change)>(input.Count + 8);
        var classes = new List<byte>(input.Count + 8);
        int runStart = 0;

        void Push(int codePoint, int change)
        {
            byte cls = data.CombiningClass(codePoint);
            if (cls == 0)
            {
                SortRun(output, classes, runStart);
                runStart = output.Count;
            }
            output.Add((codePoint, change));
            classes.Add(cls);
        }

        foreach (int c in input)
        {
            if (c < 0xA0)
            {
                Push(c, 0);
            }
            else if (c - SBase is >= 0 and < SCount)
            {
                int s = c - SBase;
                Push(LBase + s / NCount, 0);
                Push(VBase + s % NCount / TCount, 1);
                if (s % TCount != 0)
                    Push(TBase + s % TCount, 1);
            }
            else if (data.Decomposition(c, compatibility) is { } mapping)
            {
                for (int i = 0; i < mapping.Length; i++)
                    Push(mapping[i], i == 0 ? 0 : 1);
            }
            else
            {
                Push(c, 0);
            }
        }
        SortRun(output, classes, runStart);
        return output;
    }

    /// <summary>NFC (NFKC with <paramref name="compatibility"/>) of <paramref name="input"/>, with changes.</summary>
    public static List<(int CodePoint, int Change)> Compose(IReadOnlyList<int> input, bool compatibility)
    {
        UnicodeData data = UnicodeData.Instance;
        List<(int CodePoint, int Change)> decomposed = Decompose(input, compatibility);
        var output = new List<(int CodePoint, int Change)>(decomposed.Count);
        var blocked = new List<(int CodePoint, int Change)>();
        bool hasStarter = false;
        (int CodePoint, int Change) starter = default;
        int lastClass = -1; // -1: nothing blocked since the starter

        foreach ((int ch, int change) in decomposed)
        {
            byte cls = data.CombiningClass(ch);
            if (!hasStarter)
            {
                if (cls != 0)
                {
                    output.Add((ch, change));
                }
                else
                {
                    starter = (ch, change);
                    hasStarter = true;
                }
                continue;
            }
            if (lastClass < 0)
            {
                int composite = ComposePair(data, starter.CodePoint, ch);
                if (composite >= 0)
                {
                    starter = (composite, starter.Change + change - 1);
                }
                else if (cls == 0)
                {
                    output.Add(starter);
                    starter = (ch, change);
                }
                else
                {
                    blocked.Add((ch, change));
                    lastClass = cls;
                }
                continue;
            }
            if (lastClass >= cls)
            {
                // Blocked from the starter.
                if (cls == 0)
                {
                    output.Add(starter);
                    output.AddRange(blocked);
                    blocked.Clear();
                    starter = (ch, change);
                    lastClass = -1;
                }
                else
                {
                    blocked.Add((ch, change));
                    lastClass = cls;
                }
                continue;
            }
            int composed = ComposePair(data, starter.CodePoint, ch);
            if (composed >= 0)
            {
                starter = (composed, starter.Change + change - 1);
            }
            else
            {
                blocked.Add((ch, change));
                lastClass = cls;
            }
        }
        if (hasStarter)
            output.Add(starter);
        output.AddRange(blocked);
        return output;
    }

    private static CodePointSet Active(bool composing, bool compatibility)
    {
        UnicodeData data = UnicodeData.Instance;
        var ranges = new List<(int, int)>();
        var seconds = new HashSet<int>(data.CompositionSeconds);
        foreach (int c in data.NonStarters)
            ranges.Add((c, c));
        if (composing)
        {
            ranges.Add((VBase, VBase + VCount - 1)); // Hangul vowels and trailing consonants compose with what precedes
            ranges.Add((TBase + 1, TBase + TCount - 1));
            foreach (int second in seconds)
                ranges.Add((second, second));
        }
        else
        {
            ranges.Add((SBase, SBase + SCount - 1));
        }
        foreach (int c in data.Decomposable(compatibility))
        {
            // Composing, a code point that decomposes is left alone when its decomposition recomposes to itself and
            // starts with a starter that composes with nothing before it.
            int[] mapping = data.Decomposition(c, compatibility)!;
            if (!composing || data.CombiningClass(mapping[0]) != 0 || seconds.Contains(mapping[0])
                || Compose([c], compatibility) is not [(int only, 0)] || only != c)
                ranges.Add((c, c));
        }
        return new CodePointSet(RangeSet.FromRanges(ranges, includesInvalid: false));
    }

    private static int ComposePair(UnicodeData data, int first, int second)
    {
        if (first - LBase is >= 0 and < LCount && second - VBase is >= 0 and < VCount)
            return SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
        if (first - SBase is >= 0 and < SCount && second - TBase is > 0 and < TCount && (first - SBase) % TCount == 0)
            return first + (second - TBase);
        return second < 0x300 ? -1 : data.Compose(first, second);
    }

    /// <summary>Sorts <paramref name="items"/>[<paramref name="start"/>..] stably by combining class.</summary>
    private static void SortRun(List<(int, int)> items, List<byte> classes, int start)
    {
        int count = items.Count - start;
        if (count < 2)
            return;
        if (count <= InsertionSortLimit)
        {
            for (int i = start + 1; i < items.Count; i++)
            {
                byte cls = classes[i];
                (int, int) item = items[i];
                int j = i - 1;
                while (j >= start && classes[j] > cls)
                {
                    classes[j + 1] = classes[j];
                    items[j + 1] = items[j];
                    j--;
                }
                classes[j + 1] = cls;
                items[j + 1] = item;
            }
            return;
        }
        // Long runs of marks (adversarial input): a stable sort keyed by (class, position), never quadratic.
        var order = new (byte Class, int Position)[count];
        for (int i = 0; i < count; i++)
            order[i] = (classes[start + i], i);
        Array.Sort(order);
        var sorted = new (int, int)[count];
        for (int i = 0; i < count; i++)
            sorted[i] = items[start + order[i].Position];
        for (int i = 0; i < count; i++)
        {
            items[start + i] = sorted[i];
            classes[start + i] = order[i].Class;
        }
    }
}
