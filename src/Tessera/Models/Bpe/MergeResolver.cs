using System.Text;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// Turns a merge given as two token strings (UTF-8) into ids: the two parts and the token they make, which is the left
/// part followed by the right part without its <c>continuing_subword_prefix</c> (Hugging Face's rule).
/// </summary>
/// <remarks>Thread-safe: it only reads the vocabulary.</remarks>
internal sealed unsafe class MergeResolver(StringVocabulary vocabulary, string? continuingSubwordPrefix)
{
    /// <summary>From this many merges on, <see cref="ResolveAll"/> resolves them on two threads.</summary>
    private const int ParallelFrom = 1 << 15;

    private readonly int _prefixLength = string.IsNullOrEmpty(continuingSubwordPrefix) ? 0 : Encoding.UTF8.GetByteCount(continuingSubwordPrefix);

    /// <exception cref="BpeMergeException">A part or the joined token is not in the vocabulary.</exception>
    public MergeTriple Resolve(int rank, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int leftId = vocabulary.IdOf(left);
        if (leftId < 0)
            throw Missing(rank, left, right, left);
        int rightId = vocabulary.IdOf(right);
        if (rightId < 0)
            throw Missing(rank, left, right, right);
        int length = JoinedLength(left, right);
        Span<byte> joined = length <= 256 ? stackalloc byte[256] : new byte[length];
        joined = joined[..Join(left, right, joined)];
        int made = vocabulary.IdOf(joined);
        if (made < 0)
            throw new BpeMergeException(rank, Encoding.UTF8.GetString(left), Encoding.UTF8.GetString(right),
                $"the merged token '{Encoding.UTF8.GetString(joined)}' is not in the vocabulary");
        return new MergeTriple(leftId, rightId, made);
    }

    /// <summary>
    /// Resolves merges given as byte ranges (<see cref="MergeText"/>) into <paramref name="output"/>, in rank order,
    /// with the same answers as <see cref="Resolve"/>. A long list is resolved on two threads, this one and
    /// <paramref name="helper"/>'s (else a pool thread), each taking the next chunk of merges until none is left: the
    /// two do not resolve at the same speed (cut into two halves of equal bytes, the helper's took 7-10 ms longer
    /// than this thread's 7.5 ms, Llama 3 in a fresh process), so neither waits for the other by more than a chunk.
    /// Each chunk loads the vocabulary slots of the merges a few ranks ahead while it looks up the current one, so
    /// their cache misses overlap (each lookup lands in a random slot of a table larger than the caches).
    /// </summary>
    /// <exception cref="BpeMergeException">A part or the joined token is not in the vocabulary (the lowest such rank).</exception>
    public void ResolveAll(ReadOnlySpan<byte> text, NativeList<byte> unescapedParts, NativeList<MergeText> mergeList, NativeList<MergeTriple> output,
        LoadHelper? helper = null)
    {
        int count = mergeList.Count;
        MergeTriple* resolved = output.AddUninitialized(count);
        fixed (byte* textStart = text)
        {
            byte* start = textStart;
            int length = text.Length;
            if (count < ParallelFrom)
            {
                ResolveRange(new ReadOnlySpan<byte>(start, length), unescapedParts.Items, mergeList.Items, 0, count, resolved);
            }
            else
            {
                // Not Parallel.Invoke: its first use loads an assembly and sets up its event source through
                // reflection, milliseconds of a first load.
                var chunks = new SharedChunks(count, Chunk);
                var other = new TaskCompletionSource<BpeMergeException?>();
                LoadHelper.Run(helper, () =>
                {
                    try
                    {
                        other.SetResult(ResolveChunks(new ReadOnlySpan<byte>(start, length), unescapedParts.Items, mergeList.Items, chunks, resolved));
                    }
                    catch (Exception e)
                    {
                        other.SetException(e);
                    }
                });
                BpeMergeException? mine = ResolveChunks(new ReadOnlySpan<byte>(start, length), unescapedParts.Items, mergeList.Items, chunks, resolved);
                BpeMergeException? theirs = other.Task.GetAwaiter().GetResult();
                if (mine is not null && (theirs is null || mine.Rank < theirs.Rank))
                    throw mine;
                if (theirs is not null)
                    throw theirs;
            }
        }
        // The spans point into the lists' native memory, which their finalizers free once the lists are unreachable.
        GC.KeepAlive(unescapedParts);
        GC.KeepAlive(mergeList);
    }

    /// <summary>Merges per chunk of <see cref="ResolveAll"/>'s shared work: about 0.1 ms of it.</summary>
    private const int Chunk = 4096;

    /// <summary>
    /// Resolves the chunks <paramref name="chunks"/> hands out until none is left; the failure of the lowest rank
    /// among them, or null. A chunk stops at its first failure, which is the lowest of that chunk's.
    /// </summary>
    private BpeMergeException? ResolveChunks(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped, ReadOnlySpan<MergeText> merges, SharedChunks chunks, MergeTriple* output)
    {
        BpeMergeException? lowest = null;
        while (chunks.TryTake(out int from, out int to))
        {
            try
            {
                ResolveRange(text, unescaped, merges, from, to, output);
            }
            catch (BpeMergeException e) when (lowest is null || e.Rank < lowest.Rank)
            {
                lowest = e;
            }
            catch (BpeMergeException)
            {
                // a lower rank failed already
            }
        }
        return lowest;
    }

    /// <summary>Resolves merges <paramref name="from"/> to <paramref name="to"/> (exclusive) into the same places of <paramref name="output"/>.</summary>
    /// <remarks>
    /// The token a merge makes is, in every tokenizer.json we know (Hugging Face's trainer, conversions from tiktoken
    /// and SentencePiece), the one the merge before it made or the next id (99.7-100% of merges in the real models).
    /// So that token is first compared with those two, whose bytes are next to each other in the vocabulary's arena,
    /// and searched for only when it is neither. This gives the search's answer only when no two tokens have the same
    /// bytes (<see cref="RankTable.HasDuplicateKeys"/>); otherwise every merge takes the search.
    /// </remarks>
    private void ResolveRange(ReadOnlySpan<byte> text, ReadOnlySpan<byte> unescaped, ReadOnlySpan<MergeText> merges, int from, int to, MergeTriple* output)
    {
        const int Ahead = 8, JoinedRoom = 256; // Llama 3 has 3,840 merges longer than 64 bytes
        RankTable table = vocabulary.Table;
        bool nextToLast = !table.HasDuplicateKeys;
        Span<int> homes = stackalloc int[Ahead * 3];
        Span<ulong> prefixes = stackalloc ulong[Ahead * 3];
        Span<byte> joined = stackalloc byte[nextToLast ? 0 : Ahead * JoinedRoom];
        Span<int> joinedLengths = stackalloc int[Ahead];
        int made = -1; // the token the merge before made
        for (int next = from; next < to + Ahead; next++)
        {
            // The merge looked up now first, then the one whose slots are loaded ahead: both use slot next % Ahead.
            int rank = next - Ahead;
            if (rank >= from)
            {
                int slot = rank % Ahead;
                MergeText merge = merges[rank];
                ReadOnlySpan<byte> left = merge.Left(text, unescaped), right = merge.Right(text, unescaped);
                int leftId = left.IsEmpty ? -1 : table.RankOf(left, homes[3 * slot], prefixes[3 * slot]);
                int rightId = right.IsEmpty ? -1 : table.RankOf(right, homes[3 * slot + 1], prefixes[3 * slot + 1]);
                int found;
                if (nextToLast)
                {
                    ReadOnlySpan<byte> tail = Tail(right);
                    found = made >= 0 && Makes(table.BytesOf(made), left, tail) ? made
                        : made >= 0 && made < table.MaxRank && Makes(table.BytesOf(made + 1), left, tail) ? made + 1
                        : -1;
                }
                else
                {
                    int length = joinedLengths[slot];
                    found = length is 0 or > JoinedRoom ? -1
                        : table.RankOf(joined.Slice(slot * JoinedRoom, length), homes[3 * slot + 2], prefixes[3 * slot + 2]);
                }
                MergeTriple triple = leftId < 0 || rightId < 0 || found < 0 ? Resolve(rank, left, right) : new MergeTriple(leftId, rightId, found);
                output[rank] = triple;
                made = triple.Made;
            }
            if (next < to)
            {
                int slot = next % Ahead;
                MergeText merge = merges[next];
                ReadOnlySpan<byte> left = merge.Left(text, unescaped), right = merge.Right(text, unescaped);
                if (!nextToLast && (joinedLengths[slot] = JoinedLength(left, right)) <= JoinedRoom)
                {
                    Span<byte> room = joined.Slice(slot * JoinedRoom, Join(left, right, joined.Slice(slot * JoinedRoom, JoinedRoom)));
                    table.Prefetch(homes[3 * slot + 2] = table.HomeOf(room, out prefixes[3 * slot + 2]));
                }
                prefixes[3 * slot] = merge.LeftPrefix(text, unescaped);
                prefixes[3 * slot + 1] = merge.RightPrefix(text, unescaped);
                table.Prefetch(homes[3 * slot] = table.HomeOfPrefixed(left, prefixes[3 * slot]));
                table.Prefetch(homes[3 * slot + 1] = table.HomeOfPrefixed(right, prefixes[3 * slot + 1]));
            }
        }
    }

    /// <summary>Whether <paramref name="token"/> is <paramref name="left"/> followed by <paramref name="tail"/>.</summary>
    private static bool Makes(ReadOnlySpan<byte> token, ReadOnlySpan<byte> left, ReadOnlySpan<byte> tail) =>
        token.Length == left.Length + tail.Length && token.StartsWith(left) && token.EndsWith(tail);

    /// <summary>The right part as it joins the left: without the <c>continuing_subword_prefix</c>.</summary>
    private ReadOnlySpan<byte> Tail(ReadOnlySpan<byte> right) =>
        _prefixLength > 0 && right.Length >= _prefixLength ? right[_prefixLength..] : right;

    /// <summary>The length of the token a merge of the two parts makes.</summary>
    private int JoinedLength(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.Length + Tail(right).Length;

    /// <summary>Writes the token a merge of the two parts makes (the left part, then the right without its prefix); returns its length.</summary>
    private int Join(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        ReadOnlySpan<byte> tail = Tail(right);
        left.CopyTo(destination);
        tail.CopyTo(destination[left.Length..]);
        return left.Length + tail.Length;
    }

    private static BpeMergeException Missing(int rank, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, ReadOnlySpan<byte> token) =>
        new(rank, Encoding.UTF8.GetString(left), Encoding.UTF8.GetString(right), $"'{Encoding.UTF8.GetString(token)}' is not in the vocabulary");
}
