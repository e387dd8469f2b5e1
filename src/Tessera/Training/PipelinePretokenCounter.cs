using Tessera.Normalizers;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Training;

/// <summary>
/// Counts pre-tokens as a tokenizer.json pipeline makes them, as Hugging Face's trainer feeds them: the whole line
/// normalized, then pre-tokenized, each piece's normalized text one pre-token. <see cref="Bert"/> is BERT's
/// (BertNormalizer lower-casing and stripping accents, BertPreTokenizer); <see cref="Whitespace"/> the Whitespace
/// pre-tokenizer alone.
/// </summary>
public sealed class PipelinePretokenCounter : IPretokenCounter
{
    private readonly INormalizer? _normalizer;
    private readonly IPreTokenizer? _preTokenizer;
    private readonly PretokenTable _table = new();

    private PipelinePretokenCounter(INormalizer? normalizer, IPreTokenizer? preTokenizer)
    {
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
    }

    /// <summary>BERT's pipeline, as Hugging Face's BertWordPieceTokenizer trains it (lower case, accents stripped, Chinese characters isolated).</summary>
    public static PipelinePretokenCounter Bert() =>
        new(new BertNormalizer(cleanText: true, handleChineseChars: true, stripAccents: null, lowercase: true), new BertPreTokenizer());

    /// <summary>The Metaspace pre-tokenizer ("▁" for spaces and in front, split before each), as SentencePiece-style BPE is trained.</summary>
    public static PipelinePretokenCounter Metaspace() => new(null, new MetaspacePreTokenizer(new System.Text.Rune(0x2581), PrependScheme.Always, split: true));

    /// <summary>Hugging Face's Whitespace pre-tokenizer alone (runs of word characters, runs of other non-space characters), as word-level models are usually trained.</summary>
    public static PipelinePretokenCounter Whitespace() => new(null, new WhitespacePreTokenizer());

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Counts => _table.Counts;

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<byte> utf8)
    {
        var text = new NormalizedString(utf8);
        _normalizer?.Normalize(text);
        var pieces = new PreTokenizedString(text);
        _preTokenizer?.PreTokenize(pieces);
        foreach (PreTokenSplit split in pieces.Splits)
            Count(split.Text.Normalized);
    }

    /// <inheritdoc/>
    public long MemoryBytes => _table.MemoryBytes;

    /// <inheritdoc/>
    public void Add(string pretoken, long count, long lineEnds) => _table.Add(pretoken, count);

    /// <inheritdoc/>
    public void AddCounts(IPretokenCounter other) => _table.AddCounts(other.Counts);

    /// <inheritdoc/>
    public void Clear() => _table.Clear();

    private void Count(ReadOnlySpan<byte> piece)
    {
        if (piece.IsEmpty)
            return;
        Span<char> chars = _table.Buffer(piece.Length); // UTF-8 never takes fewer bytes than UTF-16 units
        _table.Add(chars[..System.Text.Encoding.UTF8.GetChars(piece, chars)]);
    }
}
