using System.Runtime.CompilerServices;
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

    /// <summary>
    /// A trie state with the piece it ends and that piece's score in place (one 16-byte load per step instead of
    /// three scattered ones); an UNUSED piece counts as no piece (SentencePiece skips it before anything else), a
    /// user-defined symbol's score is NaN (its score depends on its length).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Base;
        public int Check;
        public int Id;
        public float Score;
    }

    private readonly Node[] _nodes;
    private readonly float _maxScore, _unknownScore;
    private readonly int _unkId;

    public SentencePieceUnigram(SentencePieceVocabulary vocabulary)
    {
        PieceTrie.Node[] trie = vocabulary.Trie.Nodes;
        _nodes = new Node[trie.Length];
        for (int i = 0; i < trie.Length; i++)
        {
            int id = trie[i].Value;
            PieceType type = id >= 0 ? vocabulary.TypeOf(id) : PieceType.Unused;
            _nodes[i] = new Node
            {
                Base = trie[i].Base,
                Check = trie[i].Check,
                Id = type == PieceType.Unused ? -1 : id,
                Score = type == PieceType.UserDefined ? float.NaN : id >= 0 ? vocabulary.ScoreOf(id) : 0,
            };
        }
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

    /// <summary>Fills <paramref name="best"/> (one more entry than <paramref name="text"/> has bytes) with the best path ending at each position.</summary>
    internal void Viterbi(ReadOnlySpan<byte> text, Span<Best> best)
    {
        // Refs instead of indexing: the trie is padded (Base + byte is always inside it), the positions stay below
        // size + 1, so the bounds checks the JIT would add are all redundant.
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref byte bytes = ref MemoryMarshal.GetReference(text);
        ref Best paths = ref MemoryMarshal.GetReference(best);
        float maxScore = _maxScore, unknownScore = _unknownScore;
        int size = text.Length;
        best.Fill(new Best { Id = -1, Score = 0, Start = -1 });
        for (int startsAt = 0; startsAt < size;)
        {
            float scoreTillHere = Unsafe.Add(ref paths, startsAt).Score;
            int charLength = Math.Min(Utf8Rules.OneCharLength(Unsafe.Add(ref bytes, startsAt)), size - startsAt);
            bool hasSingleNode = false;
            int state = PieceTrie.Root;
            for (int key = startsAt; key < size;)
            {
                int t = Unsafe.Add(ref nodes, state).Base + Unsafe.Add(ref bytes, key);
                ref Node node = ref Unsafe.Add(ref nodes, t);
                if (node.Check != state)
                    break;
                state = t;
                key++;
                int id = node.Id;
                if (id < 0)
                    continue;
                int length = key - startsAt;
                float pieceScore = node.Score;
                double score = float.IsNaN(pieceScore) ? (double)(length * maxScore) - 0.1 : pieceScore;
                double candidate = score + scoreTillHere;
                ref Best target = ref Unsafe.Add(ref paths, key);
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
                ref Best target = ref Unsafe.Add(ref paths, startsAt + charLength);
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
