using System.Text;
using Tessera.Models.SentencePiece;
using Tessera.Normalizers;

namespace Tessera.Training.Unigram;

/// <summary>
/// Counts the words of lines as spm_train makes them from its input: the line without its <c>\n</c>; lines longer than
/// the sentence limit or holding U+2585 (the trainer's unknown character) left out and counted in
/// <see cref="SkippedLines"/>; the normalization rule's charsmap applied, longest rule first (none for
/// <c>identity</c>; <see cref="NormalizationRules"/>); meta pieces written in the text replaced by a space; leading,
/// trailing and repeated spaces removed; then each space becomes U+2581 ("▁"), one is put in front, and each word is a
/// "▁" and what follows it up to the next. <see cref="LineEnds"/> counts the words that end a line (what follows a
/// word in the running text decides which substrings spm_train takes as seeds).
/// </summary>
/// <remarks>
/// spm_train's normalizer leaves user-defined symbols as they are where the charsmap would change them; here they are
/// normalized with the rest (the same unless a symbol holds characters the rule changes).
/// </remarks>
public sealed class SentencePieceWordCounter(int maxSentenceBytes, IReadOnlyList<string> metaPieces, SkippedLines skipped,
    string normalizationRule = "identity") : IPretokenCounter
{
    /// <summary>The word separator SentencePiece writes for a space.</summary>
    public const char Space = '\u2581';

    /// <summary>The character spm_train reserves for characters outside the alphabet; lines holding it are left out.</summary>
    public const char Unknown = '\u2585';

    private readonly PretokenTable _table = new();
    private readonly PretokenTable _lineEnds = new();
    private readonly string[] _metaPieces = [.. metaPieces.Where(p => p.Length > 0)];
    private readonly SentencePieceNormalizer? _normalizer = CharsMapOnly(normalizationRule);
    private byte[] _normalized = [];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Counts => _table.Counts;

    /// <summary>How many times each word was the last of its line.</summary>
    public IReadOnlyDictionary<string, long> LineEnds => _lineEnds.Counts;

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<byte> utf8)
    {
        if (utf8.EndsWith("\n"u8))
            utf8 = utf8[..^1];
        if (utf8.Length > maxSentenceBytes)
        {
            skipped.Add();
            return;
        }
        if (utf8.IndexOf("\u2585"u8) >= 0)
        {
            skipped.Add(); // before normalizing, as spm_train looks for it
            return;
        }
        if (_normalizer is not null)
        {
            int normalized = _normalizer.Normalize(utf8, ref _normalized); // may replace the buffer: read it after
            utf8 = _normalized.AsSpan(0, normalized);
        }
        Span<char> line = _table.Buffer(2 * utf8.Length + 2);
        int length = Encoding.UTF8.GetChars(utf8, line);
        ReadOnlySpan<char> text = line[..length];
        if (HasMetaPiece(text))
            text = WithoutMetaPieces(text.ToString());
        CountWords(text, line[length..]);
    }

    /// <inheritdoc/>
    public long MemoryBytes => _table.MemoryBytes + _lineEnds.MemoryBytes;

    /// <inheritdoc/>
    public void Add(string pretoken, long count, long lineEnds)
    {
        _table.Add(pretoken, count);
        if (lineEnds > 0)
            _lineEnds.Add(pretoken, lineEnds);
    }

    /// <inheritdoc/>
    public void AddCounts(IPretokenCounter other)
    {
        _table.AddCounts(other.Counts);
        if (other.LineEnds is { } lineEnds)
            _lineEnds.AddCounts(lineEnds);
    }

    /// <inheritdoc/>
    public void Clear()
    {
        _table.Clear();
        _lineEnds.Clear();
    }

    /// <summary>A normalizer that only applies the rule's charsmap (no whitespace handling: the words are cut here); null for identity.</summary>
    private static SentencePieceNormalizer? CharsMapOnly(string rule)
    {
        byte[] blob = NormalizationRules.CharsMap(rule);
        if (blob.Length == 0)
            return null;
        PrecompiledCharsMap map = PrecompiledCharsMap.TryParse(blob, out string? problem) ?? throw new InvalidOperationException(problem);
        return new SentencePieceNormalizer(map, null, addDummyPrefix: false, removeExtraWhitespaces: false, escapeWhitespaces: false, treatWhitespaceAsSuffix: false);
    }

    private bool HasMetaPiece(ReadOnlySpan<char> text)
    {
        foreach (string piece in _metaPieces)
        {
            if (text.Contains(piece, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private string WithoutMetaPieces(string text)
    {
        foreach (string piece in _metaPieces)
            text = text.Replace(piece, " ", StringComparison.Ordinal);
        return text;
    }

    /// <summary>Counts each word of <paramref name="text"/>, spelt in <paramref name="word"/> (room for the longest).</summary>
    private void CountWords(ReadOnlySpan<char> text, Span<char> word)
    {
        int last = -1;
        foreach (Range range in text.Split(' '))
        {
            ReadOnlySpan<char> part = text[range];
            if (part.IsEmpty)
                continue;
            word[0] = Space;
            part.CopyTo(word[1..]);
            last = part.Length + 1;
            _table.Add(word[..last]);
        }
        if (last > 0)
            _lineEnds.Add(word[..last]);
    }
}
