using System.Text;

namespace Tessera.Models.Bpe;

/// <summary>
/// Turns a merge given as two token strings (UTF-8) into ids: the two parts and the token they make, which is the left
/// part followed by the right part without its <c>continuing_subword_prefix</c> (Hugging Face's rule).
/// </summary>
internal sealed class MergeResolver(StringVocabulary vocabulary, string? continuingSubwordPrefix)
{
    private readonly int _prefixLength = string.IsNullOrEmpty(continuingSubwordPrefix) ? 0 : Encoding.UTF8.GetByteCount(continuingSubwordPrefix);
    private byte[] _joined = new byte[256];

    /// <exception cref="BpeMergeException">A part or the joined token is not in the vocabulary.</exception>
    public (int Left, int Right, int Made) Resolve(int rank, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int leftId = vocabulary.IdOf(left);
        if (leftId < 0)
            throw Missing(rank, left, right, left);
        int rightId = vocabulary.IdOf(right);
        if (rightId < 0)
            throw Missing(rank, left, right, right);
        ReadOnlySpan<byte> tail = _prefixLength > 0 && right.Length >= _prefixLength ? right[_prefixLength..] : right;
        int length = left.Length + tail.Length;
        if (length > _joined.Length)
            _joined = new byte[Math.Max(length, _joined.Length * 2)];
        left.CopyTo(_joined);
        tail.CopyTo(_joined.AsSpan(left.Length));
        int made = vocabulary.IdOf(_joined.AsSpan(0, length));
        if (made < 0)
            throw new BpeMergeException(rank, Encoding.UTF8.GetString(left), Encoding.UTF8.GetString(right),
                $"the merged token '{Encoding.UTF8.GetString(_joined, 0, length)}' is not in the vocabulary");
        return (leftId, rightId, made);
    }

    private static BpeMergeException Missing(int rank, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, ReadOnlySpan<byte> token) =>
        new(rank, Encoding.UTF8.GetString(left), Encoding.UTF8.GetString(right), $"'{Encoding.UTF8.GetString(token)}' is not in the vocabulary");
}
