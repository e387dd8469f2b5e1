using System.Text;

namespace Tessera.Training.Unigram;

/// <summary>The seed pieces, each as symbols of the corpus's alphabet, numbered in the order they were found.</summary>
internal sealed class SeedList(UnigramCorpus corpus)
{
    private readonly List<int> _symbols = [];
    private readonly List<int> _starts = [0];

    public int Count => _starts.Count - 1;

    public void Add(ReadOnlySpan<int> symbols)
    {
        foreach (int symbol in symbols)
            _symbols.Add(symbol);
        _starts.Add(_symbols.Count);
    }

    public ReadOnlySpan<int> Symbols(int seed) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_symbols)[_starts[seed].._starts[seed + 1]];

    /// <summary>The seed's text.</summary>
    public string Text(int seed)
    {
        var text = new StringBuilder();
        foreach (int symbol in Symbols(seed))
            text.Append(char.ConvertFromUtf32(corpus.CodePoints[symbol]));
        return text.ToString();
    }
}
