using System.Runtime.InteropServices;
using Tessera.Formats.SentencePiece;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// SentencePiece's unigram encoder (unigram_model.cc, <c>Model::EncodeOptimized</c>, the one <c>Encode</c> uses): for
/// every byte position the best path ending there, extended piece by piece from each character start through the
/// trie. Its arithmetic is the C++'s exactly, because ties and near-ties decide the ids: a piece's score is widened to
/// double and added to the float score of the path before it, compared in double with the float already stored, and
/// stored back as float; a user-defined symbol scores <c>(float)(bytes * max_score) - 0.1</c> in double; an unknown
/// character scores <c>min_score - 10</c>, added and compared in float; a candidate replaces the stored path only when
/// strictly greater. See docs/algorithms/sentencepiece.md.
/// </summary>
internal sealed class SentencePieceUnigram
{
    /// <summary>The best path ending at a position: its last piece, its score, where that piece starts (-1: none yet).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Best
    {
        public int Id;
        public float Score;
        public int Start;
    }

    // Per id: 0 for a piece scored by its score, 1 for a user-defined symbol, 2 for an unused piece (skipped).
    private const byte Scored = 0, UserDefined = 1, Unused = 2;

    private readonly PieceTrie.Node[] _nodes;
    private readonly float[] _scores;
    private readonly byte[] _kinds;
    private readonly float _maxScore, _unknownScore;
    private readonly int _unkId;

    public SentencePieceUnigram(SentencePieceVocabulary vocabulary)
    {
        _nodes = vocabulary.Trie.Nodes;
        _scores = vocabulary.Scores;
        _kinds = new byte[vocabulary.Count];
        for (int id = 0; id < _kinds.Length; id++)
            _kinds[id] = vocabulary.TypeOf(id) switch { PieceType.UserDefined => UserDefined, PieceType.Unused => Unused, _ => Scored };
        _maxScore = vocabulary.MaxScore;
        _unknownScore = vocabulary.MinScore - 10.0f;
        _unkId = vocabulary.UnkId;
    }

    /// <summary>Adds the pieces of <paramref name="text"/> (normalized) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> text, ref Best[] scratch, ref PieceOutput output)
    {
        int size = text.Length;
        if (size == 0)
            return;
        if (scratch.Length < size + 1)
            scratch = new Best[Math.Max(size + 1, scratch.Length * 2)];
        Span<Best> best = scratch.AsSpan(0, size + 1);
        Viterbi(text, best);

        // Backtrack from the end, turning each Start (a link to the previous piece's end) into a link to the next
        // piece's end, then emit in order.
        int next = -1;
        for (int end = size; end > 0;)
        {
            int previous = best[end].Start;
            best[end].Start = next;
            next = end;
            end = previous;
        }
        for (int start = 0, end = next; end > 0; start = end, end = best[end].Start)
            output.Add(best[end].Id, text[start..end]);
    }

    private void Viterbi(ReadOnlySpan<byte> text, Span<Best> best)
    {
        PieceTrie.Node[] nodes = _nodes;
        float[] scores = _scores;
        byte[] kinds = _kinds;
        float maxScore = _maxScore, unknownScore = _unknownScore;
        int size = text.Length;
        best.Fill(new Best { Id = -1, Score = 0, Start = -1 });
        for (int startsAt = 0; startsAt < size;)
        {
            float scoreTillHere = best[startsAt].Score;
            int charLength = Utf8Rules.CharLength(text, startsAt);
            bool hasSingleNode = false;
            int state = PieceTrie.Root;
            for (int key = startsAt; key < size;)
            {
                int t = nodes[state].Base + text[key];
                if ((uint)t >= (uint)nodes.Length || nodes[t].Check != state)
                    break;
                state = t;
                key++;
                int id = nodes[t].Value;
                if (id < 0 || kinds[id] == Unused)
                    continue;
                int length = key - startsAt;
                double score = kinds[id] == UserDefined ? (double)(length * maxScore) - 0.1 : scores[id];
                double candidate = score + scoreTillHere;
                ref Best target = ref best[key];
                if (target.Start == -1 || candidate > target.Score)
                {
                    target.Score = (float)candidate;
                    target.Start = startsAt;
                    target.Id = id;
                }
                hasSingleNode |= length == charLength;
            }
            if (!hasSingleNode)
            {
                ref Best target = ref best[startsAt + charLength];
                float candidate = unknownScore + scoreTillHere;
                if (target.Start == -1 || candidate > target.Score)
                {
                    target.Score = candidate;
                    target.Start = startsAt;
                    target.Id = _unkId;
                }
            }
            startsAt += charLength;
        }
    }
}
