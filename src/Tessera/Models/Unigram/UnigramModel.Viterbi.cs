using System.Runtime.CompilerServices;

namespace Tessera.Models.Unigram;

internal sealed partial class UnigramModel
{
    /// <summary>
    /// Fills <paramref name="best"/> (one entry per byte position, <c>text.Length + 1</c>) with the best path ending at
    /// each character boundary, as Hugging Face's <c>encode_optimized</c>: from each boundary, every piece the trie
    /// finds there is a candidate for the position where it ends, and replaces the path there only if strictly
    /// better (so the first of equal paths stays); a character no single piece covers gets an unknown node.
    /// No allocation: the trie is a flat array and the table is the caller's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Viterbi(ReadOnlySpan<byte> text, Span<BestPath> best)
    {
        DoubleArrayTrie trie = _trie;
        double[] scores = _scores;
        double unknownScore = _unknownScore;
        int size = text.Length;
        // A loop, not Span.Fill: Fill over a type of the library is generic code of the base library that the
        // precompiled image lacks, so it ran unoptimized through a first pass.
        for (int i = 0; i < best.Length; i++)
            best[i] = new BestPath { Score = 0, Start = -1, Id = 0 };

        for (int start = 0; start < size;)
        {
            double here = best[start].Score;
            byte lead = text[start];
            int charLength = Math.Min(lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4, size - start);
            bool hasSingle = false;
            int state = DoubleArrayTrie.Root;
            for (int i = start; i < size; i++)
            {
                state = trie.Next(state, text[i]);
                if (state < 0)
                    break;
                int id = trie.ValueAt(state);
                if (id < 0)
                    continue;
                double candidate = scores[id] + here;
                ref BestPath target = ref best[i + 1];
                if (target.Start < 0 || candidate > target.Score)
                {
                    target.Score = candidate;
                    target.Start = start;
                    target.Id = id;
                }
                hasSingle |= i + 1 - start == charLength;
            }
            if (!hasSingle)
            {
                double candidate = unknownScore + here;
                ref BestPath target = ref best[start + charLength];
                if (target.Start < 0 || candidate > target.Score)
                {
                    if (_unkId < 0)
                        ModelErrors.ThrowMissingUnknown("Unigram", null);
                    target.Score = candidate;
                    target.Start = start;
                    target.Id = _unkId;
                }
            }
            start += charLength;
        }
    }
}
