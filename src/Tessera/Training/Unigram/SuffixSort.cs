namespace Tessera.Training.Unigram;

/// <summary>
/// Sorts the suffixes of words by their first <c>depth</c> symbols (a multikey quicksort): every position of a text of
/// words, each followed by 0, ordered by the symbols from there to the end of its word; a word's end sorts before any
/// symbol, and suffixes equal that far (or both ended) keep their text order. Also gives the longest common prefix of
/// each suffix with the one before it (capped at <c>depth</c>, never past a word's end).
/// </summary>
internal static class SuffixSort
{
    private const int SmallRun = 16;

    /// <summary>The positions of <paramref name="text"/>'s suffixes (the 0s excluded), sorted.</summary>
    public static int[] Sort(int[] text, int depth)
    {
        int count = 0;
        foreach (int symbol in text)
            count += symbol != 0 ? 1 : 0;
        var suffixes = new int[count];
        for (int at = 0, next = 0; at < text.Length; at++)
        {
            if (text[at] != 0)
                suffixes[next++] = at;
        }
        Sort(text, suffixes, 0, suffixes.Length, 0, depth);
        return suffixes;
    }

    /// <summary><c>lcp[i]</c>: the symbols suffix <c>i</c> shares with suffix <c>i - 1</c> (0 for the first), at most <paramref name="depth"/>.</summary>
    public static byte[] CommonPrefixes(int[] text, int[] suffixes, int depth)
    {
        var lcp = new byte[suffixes.Length];
        for (int i = 1; i < suffixes.Length; i++)
        {
            int a = suffixes[i - 1], b = suffixes[i], shared = 0;
            while (shared < depth && text[a + shared] != 0 && text[a + shared] == text[b + shared])
                shared++;
            lcp[i] = (byte)shared;
        }
        return lcp;
    }

    private static void Sort(int[] text, int[] s, int lo, int hi, int d, int depth)
    {
        while (hi - lo > 1)
        {
            if (d >= depth)
            {
                Array.Sort(s, lo, hi - lo);
                return;
            }
            if (hi - lo <= SmallRun)
            {
                InsertionSort(text, s, lo, hi, d, depth);
                return;
            }
            int pivot = MedianOfThree(Key(text, s[lo], d), Key(text, s[lo + (hi - lo) / 2], d), Key(text, s[hi - 1], d));
            // three-way partition on the symbol at depth d: [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot
            int lt = lo, gt = hi, i = lo;
            while (i < gt)
            {
                int key = Key(text, s[i], d);
                if (key < pivot)
                    (s[lt], s[i]) = (s[i++], s[lt++]);
                else if (key > pivot)
                    (s[i], s[--gt]) = (s[gt], s[i]);
                else
                    i++;
            }
            Sort(text, s, lo, lt, d, depth);
            Sort(text, s, gt, hi, d, depth);
            if (pivot == 0)
            {
                Array.Sort(s, lt, gt - lt); // all ended here: text order
                return;
            }
            (lo, hi, d) = (lt, gt, d + 1);
        }
    }

    private static void InsertionSort(int[] text, int[] s, int lo, int hi, int d, int depth)
    {
        for (int i = lo + 1; i < hi; i++)
        {
            int moving = s[i];
            int j = i;
            while (j > lo && Compare(text, s[j - 1], moving, d, depth) > 0)
            {
                s[j] = s[j - 1];
                j--;
            }
            s[j] = moving;
        }
    }

    /// <summary>Compares two suffixes known to agree on their first <paramref name="d"/> symbols.</summary>
    private static int Compare(int[] text, int a, int b, int d, int depth)
    {
        for (; d < depth; d++)
        {
            int x = text[a + d], y = text[b + d];
            if (x != y)
                return x.CompareTo(y);
            if (x == 0)
                break;
        }
        return a.CompareTo(b);
    }

    /// <summary>
    /// The symbol at depth <paramref name="d"/> of the suffix at <paramref name="at"/>: the sort only goes deeper among
    /// suffixes whose first <paramref name="d"/> symbols are the same letters, so the word has not ended before it.
    /// </summary>
    private static int Key(int[] text, int at, int d) => text[at + d];

    private static int MedianOfThree(int a, int b, int c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
