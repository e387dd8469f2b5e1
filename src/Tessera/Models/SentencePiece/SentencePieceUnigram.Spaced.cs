using System.Runtime.CompilerServices;

namespace Tessera.Models.SentencePiece;

internal sealed partial class SentencePieceUnigram
{
    /// <summary>
    /// Adds the pieces of a spaced line (<see cref="SentencePieceNormalizer.TryCopySpacedLine"/>, <c>buffer[..length]</c>
    /// with 32 bytes more readable): what <see cref="Encode(ReadOnlySpan{byte}, int, ref Best[], ref PieceOutput)"/>
    /// gives for the normalized line, without writing it out. Only when <see cref="CutsBeforeSpace"/>.
    /// </summary>
    /// <remarks>
    /// Each word is looked up by its spaced key; a word is normalized ("▁" and its bytes after the space) only when it
    /// has to be segmented. A spaced word is cached only when its pieces hold no unknown one, so a cached word's ids
    /// go straight from the cache to the output, and the path score moves on by the word's score
    /// (<see cref="DeferredPathScore"/>): the C++'s float path score is worked out, piece by piece, only where a word
    /// needs it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EncodeSpaced(ReadOnlySpan<byte> buffer, int length, ref Best[] scratch, ref PieceOutput output)
    {
        WordState state = _state.Value!;
        WordCache cache = state.Cache;
        var pathScore = new DeferredPathScore(output.Count, _scoresNeverPositive);
        var words = new SpacedWordWalk(buffer, length, cache);
        while (words.MoveNext())
        {
            int start = words.Start, end = words.End;
            if (end - start > WordCache.MaxWordLength)
            {
                ReadOnlySpan<byte> longWord = SpacedWordWalk.Normalized(ref state.Word, buffer[(start + 1)..end]);
                float before = pathScore.Exact(_pieces, output.Ids);
                pathScore.Restart(EncodeSpan(longWord, 0, longWord.Length, before, ref scratch, ref output), output.Count);
                continue;
            }
            Span<int> room = output.Room(WordCache.IdsRoom);
            int count = cache.TryGet(words.Key, room, out float limit, out float wordScore);
            if (count > 0 && pathScore.IsSurelyBelow(limit, output.Count))
            {
                output.Advance(count); // the ids went straight to the output
                pathScore.Add(wordScore);
                continue;
            }
            ReadOnlySpan<byte> word = SpacedWordWalk.Normalized(ref state.Word, buffer[(start + 1)..end]);
            room[..Math.Max(count, 0)].CopyTo(state.CachedIds); // out of the output's room, which the pieces are added to
            ReadOnlySpan<int> path = state.CachedIds.AsSpan(0, Math.Max(count, 0));
            if (count == 0)
            {
                // First seen: certified, and cached without its ids when one is the unknown piece (a NaN score).
                limit = CertifyAndCache(word, words.Key, cacheUnknown: false, state, out path, out wordScore);
                if (!float.IsNaN(wordScore) && pathScore.IsSurelyBelow(limit, output.Count))
                {
                    path.CopyTo(output.Room(path.Length));
                    output.Advance(path.Length);
                    pathScore.Add(wordScore);
                    continue;
                }
            }
            float exact = pathScore.Exact(_pieces, output.Ids);
            exact = Math.Abs(exact) < limit
                ? Emit(word, 0, path, exact, ref output)
                : EncodeSpan(word, 0, word.Length, exact, ref scratch, ref output);
            pathScore.Restart(exact, output.Count);
        }
    }

    /// <summary>The sum of the scores of a path's pieces, as a float; NaN when one is the unknown piece.</summary>
    private float ScoreOf(ReadOnlySpan<int> ids)
    {
        double sum = 0;
        foreach (int id in ids)
            sum += _pieces[id].Score;
        return (float)sum;
    }
}
