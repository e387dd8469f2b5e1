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
    /// has to be segmented. A spaced word is cached only when its pieces hold no unknown one, so a cached word's pieces
    /// are added without their text.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EncodeSpaced(ReadOnlySpan<byte> buffer, int length, ref Best[] scratch, ref PieceOutput output)
    {
        WordState state = _state.Value!;
        WordCache cache = state.Cache;
        float pathScore = 0;
        var words = new SpacedWordWalk(buffer, length, cache);
        while (words.MoveNext())
        {
            int start = words.Start, end = words.End;
            bool cacheable = end - start <= WordCache.MaxWordLength;
            int count = 0;
            float limit = 0;
            if (cacheable)
            {
                count = cache.TryGet(words.Key, state.CachedIds, out limit);
                if (count > 0 && Math.Abs(pathScore) < limit)
                {
                    pathScore = EmitKnown(state.CachedIds.AsSpan(0, count), pathScore, ref output);
                    continue;
                }
            }
            ReadOnlySpan<byte> word = SpacedWordWalk.Normalized(ref state.Word, buffer[(start + 1)..end]);
            pathScore = AddWord(word, 0, word.Length, cacheable, words.Key, count, limit, cacheUnknown: false, pathScore,
                state, ref scratch, ref output);
        }
    }

    /// <summary>Adds the pieces of a certified path that holds no unknown piece; returns the path score after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float EmitKnown(ReadOnlySpan<int> ids, float pathScore, ref PieceOutput output)
    {
        foreach (int id in ids)
        {
            pathScore = (float)(_pieces[id].Score + pathScore);
            output.AddKnown(id);
        }
        return pathScore;
    }
}
