using System.Text;

namespace Tessera.Training;

/// <summary>
/// Learns a word-level vocabulary the way Hugging Face's <c>WordLevelTrainer</c> does: the special tokens first, in
/// order, then the pre-tokens seen at least the minimum frequency, the most frequent first and, of equal counts, in
/// code point order, until the vocabulary has its size.
/// </summary>
public sealed class WordLevelTrainer(int vocabSize = 30_000, long minFrequency = 0, IReadOnlyList<string>? specialTokens = null)
{
    private readonly IReadOnlyList<string> _specialTokens = specialTokens ?? [];

    /// <summary>The vocabulary (token to id) learnt from <paramref name="counts"/> (each pre-token and how often it was seen).</summary>
    public IReadOnlyDictionary<string, int> Train(IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var ordered = counts.Where(p => p.Value >= minFrequency).ToList();
        ordered.Sort((x, y) => x.Value != y.Value ? y.Value.CompareTo(x.Value) : CodePointOrder.Compare(x.Key, y.Key));
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        int id = 0;
        // As Hugging Face builds its map from the list: a word that is also a special token takes the later id, and
        // the earlier one is left unused.
        foreach (string token in _specialTokens.Concat(ordered.Select(p => p.Key)).Take(vocabSize))
            vocabulary[token] = id++;
        return vocabulary;
    }
}
