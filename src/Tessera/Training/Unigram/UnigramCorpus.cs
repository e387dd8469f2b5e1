using System.Text;

namespace Tessera.Training.Unigram;

/// <summary>
/// The words a unigram model is trained on, as symbols: the characters that cover
/// <see cref="UnigramTrainerOptions.CharacterCoverage"/> of the corpus (most frequent first, ties to the lower code
/// point) are the alphabet, numbered 1.. in code point order; any other character is the unknown symbol; 0 ends each
/// word. The tab is never in the alphabet: spm_train (0.1.97) leaves it out whatever its count, so it is unknown. Words that become the same symbols are one word; words are ordered by count (most first), ties by their text.
/// </summary>
internal sealed class UnigramCorpus
{
    /// <summary>The code point of each symbol; <c>[0]</c> ends a word, the last is the unknown character U+2585.</summary>
    public required int[] CodePoints { get; init; }

    /// <summary>The alphabet's characters and their counts, most frequent first (ties to the lower code point).</summary>
    public required (int CodePoint, long Count)[] Alphabet { get; init; }

    /// <summary>The words' symbols, one after another, each followed by 0.</summary>
    public required int[] Symbols { get; init; }

    /// <summary>Where each word starts in <see cref="Symbols"/>; one more entry than words (the end).</summary>
    public required int[] WordStarts { get; init; }

    /// <summary>How many times each word was seen.</summary>
    public required long[] WordCounts { get; init; }

    /// <summary>Whether each word was seen followed by another word, and whether at the end of a line.</summary>
    public required (bool Inside, bool AtEnd)[] WordPlaces { get; init; }

    public int WordCount => WordCounts.Length;

    /// <summary>Word <paramref name="word"/>'s symbols, without the 0 after them.</summary>
    public ReadOnlySpan<int> Word(int word) => Symbols.AsSpan(WordStarts[word], WordStarts[word + 1] - WordStarts[word] - 1);

    /// <summary>Builds the alphabet and the words from word counts and the counts of words ending lines (null: unknown).</summary>
    public static UnigramCorpus From(IReadOnlyDictionary<string, long> words, IReadOnlyDictionary<string, long>? lineEnds, double characterCoverage)
    {
        (int CodePoint, long Count)[] alphabet = AlphabetOf(words, characterCoverage);
        int[] codePoints = [0, .. alphabet.Select(c => c.CodePoint).Order(), SentencePieceWordCounter.Unknown];
        var symbolOf = new Dictionary<int, int>(codePoints.Length);
        for (int s = 1; s < codePoints.Length - 1; s++)
            symbolOf[codePoints[s]] = s;
        int unknown = codePoints.Length - 1;

        // words made the same by unknown characters are added up
        var merged = new Dictionary<string, (long Count, long Ends)>(words.Count, StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach ((string word, long count) in words)
        {
            builder.Clear();
            foreach (Rune rune in word.EnumerateRunes())
                builder.Append(symbolOf.ContainsKey(rune.Value) ? rune.ToString() : SentencePieceWordCounter.Unknown.ToString());
            string key = builder.Length == word.Length && builder.Equals(word) ? word : builder.ToString();
            long ends = lineEnds is null ? Math.Min(1, count) : lineEnds.GetValueOrDefault(word);
            (long before, long endsBefore) = merged.GetValueOrDefault(key);
            merged[key] = (before + count, endsBefore + ends);
        }
        KeyValuePair<string, (long Count, long Ends)>[] ordered =
            [.. merged.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal)];

        var symbols = new List<int>();
        var starts = new int[ordered.Length + 1];
        var counts = new long[ordered.Length];
        var places = new (bool, bool)[ordered.Length];
        for (int w = 0; w < ordered.Length; w++)
        {
            starts[w] = symbols.Count;
            (long count, long ends) = ordered[w].Value;
            counts[w] = count;
            places[w] = (lineEnds is null || ends < count, ends > 0);
            foreach (Rune rune in ordered[w].Key.EnumerateRunes())
                symbols.Add(symbolOf.TryGetValue(rune.Value, out int symbol) ? symbol : unknown);
            symbols.Add(0);
        }
        starts[^1] = symbols.Count;
        return new UnigramCorpus { CodePoints = codePoints, Alphabet = alphabet, Symbols = [.. symbols], WordStarts = starts, WordCounts = counts, WordPlaces = places };
    }

    /// <summary>spm_train's required characters: by count, until the ones taken cover <paramref name="coverage"/> of all.</summary>
    private static (int, long)[] AlphabetOf(IReadOnlyDictionary<string, long> words, double coverage)
    {
        var counts = new Dictionary<int, long>();
        long all = 0;
        foreach ((string word, long count) in words)
        {
            foreach (Rune rune in word.EnumerateRunes())
            {
                if (rune.Value is SentencePieceWordCounter.Unknown or 0 or '\t')
                    continue;
                counts[rune.Value] = counts.GetValueOrDefault(rune.Value) + count;
                all += count;
            }
        }
        var alphabet = new List<(int, long)>();
        long covered = 0;
        foreach ((int codePoint, long count) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key))
        {
            if ((double)covered / all >= coverage)
                break;
            covered += count;
            alphabet.Add((codePoint, count));
        }
        return [.. alphabet];
    }
}
