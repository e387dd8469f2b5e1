using System.Text;
using Tessera.Internal;

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
    public MergeTriple Resolve(int rank, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int leftId = vocabulary.IdOf(left);
        if (leftId < 0)
            throw Missing(rank, left, right, left);
        int rightId = vocabulary.IdOf(right);
        if (rightId < 0)
            throw Missing(rank, left, right, right);
        ReadOnlySpan<byte> tail = Tail(right);
        int length = left.Length + tail.Length;
        if (length > _joined.Length)
            _joined = new byte[Math.Max(length, _joined.Length * 2)];
        left.CopyTo(_joined);
        tail.CopyTo(_joined.AsSpan(left.Length));
        int made = vocabulary.IdOf(_joined.AsSpan(0, length));
        if (made < 0)
            throw new BpeMergeException(rank, Encoding.UTF8.GetString(left), Encoding.UTF8.GetString(right),
                $"the merged token '{Encoding.UTF8.GetString(_joined, 0, length)}' is not in the vocabulary");
        return new MergeTriple(leftId, rightId, made);
    }

    /// <summary>
    /// Resolves merges given as byte ranges (<see cref="MergeText"/>) into <paramref name="output"/>, in rank order:
    /// the same answers as <see cref="Resolve"/>, but the vocabulary slots of the merges a few ranks ahead are loaded
    /// while the current one is looked up, so the three cache misses per merge overlap with those of the next ones
    /// (each lookup lands in a random slot of a table larger than the caches).
    /// </summary>
    /// <exception cref="BpeMergeException">A part or the joined token is not in the vocabulary.</exception>
    public void ResolveAll(ReadOnlySpan<byte> text, NativeList<byte> unescapedParts, NativeList<MergeText> mergeList, NativeList<MergeTriple> output)
    {
        ReadOnlySpan<byte> unescaped = unescapedParts.Items;
        ReadOnlySpan<MergeText> merges = mergeList.Items;
        const int Ahead = 8, JoinedRoom = 256; // Llama 3 has 3,840 merges longer than 64 bytes
        RankTable table = vocabulary.Table;
        Span<int> homes = stackalloc int[Ahead * 3];
        Span<ulong> prefixes = stackalloc ulong[Ahead * 3];
        Span<byte> joined = stackalloc byte[Ahead * JoinedRoom];
        Span<int> joinedLengths = stackalloc int[Ahead];
        for (int next = 0; next < merges.Length + Ahead; next++)
        {
            // The merge looked up now first, then the one whose slots are loaded ahead: both use slot next % Ahead.
            int rank = next - Ahead;
            if (rank >= 0)
            {
                int slot = rank % Ahead;
                MergeText merge = merges[rank];
                ReadOnlySpan<byte> left = merge.Left(text, unescaped), right = merge.Right(text, unescaped);
                int leftId = left.IsEmpty ? -1 : table.RankOf(left, homes[3 * slot], prefixes[3 * slot]);
                int rightId = right.IsEmpty ? -1 : table.RankOf(right, homes[3 * slot + 1], prefixes[3 * slot + 1]);
                int length = joinedLengths[slot];
                int made = length > JoinedRoom ? -2
                    : length == 0 ? -1
                    : table.RankOf(joined.Slice(slot * JoinedRoom, length), homes[3 * slot + 2], prefixes[3 * slot + 2]);
                output.Add(leftId < 0 || rightId < 0 || made < 0 ? Resolve(rank, left, right) : new MergeTriple(leftId, rightId, made));
            }
            if (next < merges.Length)
            {
                int slot = next % Ahead;
                MergeText merge = merges[next];
                ReadOnlySpan<byte> left = merge.Left(text, unescaped), right = merge.Right(text, unescaped);
                ReadOnlySpan<byte> tail = Tail(right);
                int length = left.Length + tail.Length;
                joinedLengths[slot] = length;
                if (length <= JoinedRoom)
                {
                    Span<byte> room = joined.Slice(slot * JoinedRoom, length);
                    left.CopyTo(room);
                    tail.CopyTo(room[left.Length..]);
                    table.Prefetch(homes[3 * slot + 2] = table.HomeOf(room, out prefixes[3 * slot + 2]));
                }
                table.Prefetch(homes[3 * slot] = table.HomeOf(left, out prefixes[3 * slot]));
                table.Prefetch(homes[3 * slot + 1] = table.HomeOf(right, out prefixes[3 * slot + 1]));
            }
        }
        // The spans point into the lists' native memory, which their finalizers free once the lists are unreachable.
        GC.KeepAlive(unescapedParts);
        GC.KeepAlive(mergeList);
    }

    /// <summary>The right part as it joins the left: without the <c>continuing_subword_prefix</c>.</summary>
    private ReadOnlySpan<byte> Tail(ReadOnlySpan<byte> right) =>
        _prefixLength > 0 && right.Length >= _prefixLength ? right[_prefixLength..] : right;

    private static BpeMergeException Missing(int rank, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, ReadOnlySpan<byte> token) =>
        new(rank, Encoding.UTF8.GetString(left), Encoding.UTF8.GetString(right), $"'{Encoding.UTF8.GetString(token)}' is not in the vocabulary");
}
