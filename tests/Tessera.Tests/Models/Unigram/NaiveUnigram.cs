using System.Text;
using Tessera.Models.Bpe;

namespace Tessera.Tests.Models.Unigram;

/// <summary>
/// Hugging Face's Unigram <c>encode_optimized</c> and <c>tokenize</c> written plainly, as the reference for the fast
/// model: substrings looked up in a dictionary instead of walking a trie, strings instead of byte offsets.
/// </summary>
internal static class NaiveUnigram
{
    public static List<(int Id, int Start, int End)> Tokenize(List<(string Piece, double Score)> vocab, int? unkId, bool byteFallback, string sentence, bool fuseUnk = true)
    {
        var ids = new Dictionary<string, int>();
        for (int i = 0; i < vocab.Count; i++)
            ids[vocab[i].Piece] = i;
        double min = vocab.Count == 0 ? double.PositiveInfinity : vocab.Min(v => v.Score);
        double unkScore = min - 10;
        byte[] bytes = Encoding.UTF8.GetBytes(sentence);
        int size = bytes.Length;
        var score = new double[size + 1];
        var from = new int[size + 1];
        var idAt = new int[size + 1];
        Array.Fill(from, -1);

        int[] boundaries = [.. Boundaries(sentence)];
        for (int b = 0; b + 1 < boundaries.Length; b++)
        {
            int start = boundaries[b];
            int charLength = boundaries[b + 1] - start;
            bool single = false;
            for (int e = b + 1; e < boundaries.Length; e++) // shorter pieces first, as the trie yields them
            {
                int end = boundaries[e];
                string piece = Encoding.UTF8.GetString(bytes, start, end - start);
                if (!ids.TryGetValue(piece, out int id))
                    continue;
                double candidate = vocab[id].Score + score[start];
                if (from[end] < 0 || candidate > score[end])
                    (score[end], from[end], idAt[end]) = (candidate, start, id);
                single |= end - start == charLength;
            }
            if (!single)
            {
                double candidate = unkScore + score[start];
                int end = start + charLength;
                if (from[end] < 0 || candidate > score[end])
                {
                    if (unkId is null)
                        throw new InvalidOperationException("missing unk");
                    (score[end], from[end], idAt[end]) = (candidate, start, unkId.Value);
                }
            }
        }

        // Backtrack into strings, fusing unknown runs, then look each string up as Hugging Face's tokenize does.
        var strings = new List<(int Start, int End)>();
        int runStart = -1, runEnd = -1;
        for (int end = size; end > 0;)
        {
            int start = from[end];
            if (fuseUnk && unkId is { } unk && idAt[end] == unk)
            {
                if (runEnd < 0) runEnd = end;
                runStart = start;
            }
            else
            {
                if (runEnd >= 0) { strings.Add((runStart, runEnd)); runEnd = -1; }
                strings.Add((start, end));
            }
            end = start;
        }
        if (runEnd >= 0) strings.Add((runStart, runEnd));
        strings.Reverse();

        var tokens = new List<(int, int, int)>();
        foreach ((int start, int end) in strings)
        {
            string s = Encoding.UTF8.GetString(bytes, start, end - start);
            if (ids.TryGetValue(s, out int id))
            {
                tokens.Add((id, start, end));
                continue;
            }
            if (byteFallback)
            {
                var byteIds = bytes[start..end].Select(x => ids.TryGetValue(BpeModel.ByteToken(x), out int bid) ? bid : -1).ToList();
                if (byteIds.All(x => x >= 0))
                {
                    tokens.AddRange(byteIds.Select(x => (x, start, end)));
                    continue;
                }
            }
            tokens.Add((unkId!.Value, start, end));
        }
        return tokens;
    }

    /// <summary>The byte offsets of the character boundaries, 0 and the length included.</summary>
    public static IEnumerable<int> Boundaries(string text)
    {
        int offset = 0;
        yield return 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            offset += rune.Utf8SequenceLength;
            yield return offset;
        }
    }
}
