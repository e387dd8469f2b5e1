using System.Text;
using Tessera.Formats.SentencePiece;
using Tessera.Models.SentencePiece;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Models.SentencePiece;

/// <summary>
/// The fast encoders against naive references, on the golden inputs: the unigram Viterbi against a plain dictionary
/// version of the same arithmetic; BPE merged by scan against merged by heap; BPE cut into words (and cached) against
/// the whole text merged at once.
/// </summary>
public sealed class SentencePieceModelTests
{
    private static (ModelProto Proto, SentencePieceVocabulary Vocabulary) Load(string model)
    {
        string path = Path.Combine(TestPaths.Goldens, "spm", model + ".model");
        ModelProto proto = ModelProto.Parse(File.ReadAllBytes(path), path);
        return (proto, new SentencePieceVocabulary(proto, path));
    }

    /// <summary>Normalized lines of every golden input (at most <paramref name="maxLength"/> bytes each).</summary>
    private static IEnumerable<byte[]> NormalizedLines(string model, int maxLength)
    {
        SentencePieceNormalizer normalizer = SentencePieceNormalizerTests.NormalizerOf(model);
        byte[] buffer = new byte[256];
        foreach (string input in GoldenFiles.InputNames())
            foreach (string document in GoldenFiles.Documents(input))
                foreach (string line in document.Split('\n'))
                {
                    int length = normalizer.Normalize(Encoding.UTF8.GetBytes(line), ref buffer);
                    if (length <= maxLength)
                        yield return buffer[..length];
                }
    }

    [Theory]
    [InlineData("unigram-8k")]
    [InlineData("unigram-4k-identity-symbols")]
    [InlineData("unigram-4k-unused")]
    [InlineData("unigram-2k-whitespace-pieces")]
    public void UnigramMatchesNaiveViterbi(string model)
    {
        (ModelProto proto, SentencePieceVocabulary vocabulary) = Load(model);
        var fast = new SentencePieceUnigram(vocabulary);
        var best = new SentencePieceUnigram.Best[16];
        NaiveModel naive = NaiveModel.Of(proto);
        int lines = 0;
        foreach (byte[] text in NormalizedLines(model, 300))
        {
            var output = new PieceOutput(vocabulary.Types, null, new int[16]);
            fast.Encode(text, ref best, ref output);
            int[] expected = NaiveUnigram(naive, vocabulary, text);
            Assert.True(expected.AsSpan().SequenceEqual(output.Ids), $"{model}: {Encoding.UTF8.GetString(text)}");
            lines++;
        }
        Assert.True(lines > 1000);
    }

    /// <summary>The pieces a naive Viterbi looks substrings up in (as Latin-1 strings of their bytes), and the scores it needs.</summary>
    private sealed record NaiveModel(ModelProto Proto, Dictionary<string, int> Pieces, float MinScore, float MaxScore, int Longest)
    {
        public static NaiveModel Of(ModelProto proto)
        {
            var pieces = new Dictionary<string, int>(StringComparer.Ordinal);
            float minScore = float.MaxValue, maxScore = 1.17549435E-38f;
            int longest = 1; // no piece is longer, so longer substrings need no lookup
            for (int id = 0; id < proto.Pieces.Count; id++)
            {
                ModelPiece p = proto.Pieces[id];
                if (p.Type is PieceType.Normal or PieceType.UserDefined or PieceType.Unused)
                {
                    pieces[Encoding.Latin1.GetString(p.Utf8)] = id;
                    longest = Math.Max(longest, p.Utf8.Length);
                }
                if (p.Type == PieceType.Normal)
                    (minScore, maxScore) = (Math.Min(minScore, p.Score), Math.Max(maxScore, p.Score));
            }
            return new NaiveModel(proto, pieces, minScore, maxScore, longest);
        }
    }

    /// <summary>EncodeOptimized written plainly: every substring looked up in a dictionary, the C++'s float/double mix.</summary>
    private static int[] NaiveUnigram(NaiveModel model, SentencePieceVocabulary vocabulary, byte[] text)
    {
        (ModelProto proto, Dictionary<string, int> pieces, float minScore, float maxScore, int longest) = model;
        int size = text.Length;
        var score = new float[size + 1];
        var start = Enumerable.Repeat(-1, size + 1).ToArray();
        var ids = new int[size + 1];
        for (int s = 0; s < size;)
        {
            int charLength = Math.Min(text[s] < 0xC0 ? 1 : text[s] < 0xE0 ? 2 : text[s] < 0xF0 ? 3 : 4, size - s);
            bool single = false;
            for (int e = s + 1; e <= Math.Min(size, s + longest); e++)
            {
                if (!pieces.TryGetValue(Encoding.Latin1.GetString(text, s, e - s), out int id) || proto.Pieces[id].Type == PieceType.Unused)
                    continue;
                double pieceScore = proto.Pieces[id].Type == PieceType.UserDefined ? (double)((e - s) * maxScore) - 0.1 : proto.Pieces[id].Score;
                double candidate = pieceScore + score[s];
                if (start[e] == -1 || candidate > score[e])
                    (score[e], start[e], ids[e]) = ((float)candidate, s, id);
                single |= e - s == charLength;
            }
            if (!single)
            {
                float candidate = minScore - 10.0f + score[s];
                if (start[s + charLength] == -1 || candidate > score[s + charLength])
                    (score[s + charLength], start[s + charLength], ids[s + charLength]) = (candidate, s, vocabulary.UnkId);
            }
            s += charLength;
        }
        var path = new List<int>();
        for (int e = size; e > 0; e = start[e])
            path.Add(ids[e]);
        path.Reverse();
        // Runs of unknown pieces give one id.
        var result = new List<int>();
        for (int i = 0; i < path.Count; i++)
            if (!(path[i] == vocabulary.UnkId && i > 0 && path[i - 1] == vocabulary.UnkId))
                result.Add(path[i]);
        return [.. result];
    }

    [Theory]
    [InlineData("unigram-8k")]
    [InlineData("unigram-4k-identity-symbols")]
    [InlineData("unigram-2k-nfkc-cf-suffix")]
    public void UnigramCutIntoWordsEqualsWholeText(string model)
    {
        // Words come from the cache when their certified limit allows, and are segmented from the actual path score
        // otherwise; long texts (the documents joined into one, path scores in the hundreds of thousands) cross the
        // limits of many words.
        (_, SentencePieceVocabulary vocabulary) = Load(model);
        var cut = new SentencePieceUnigram(vocabulary);
        var whole = new SentencePieceUnigram(vocabulary, cutIntoWords: false);
        var best = new SentencePieceUnigram.Best[16];
        var texts = new List<byte[]>(NormalizedLines(model, 100_000));
        texts.Add([.. texts.SelectMany(t => t)]);
        for (int pass = 0; pass < 2; pass++) // the second pass is served by the word cache
        {
            foreach (byte[] text in texts)
            {
                var a = new PieceOutput(vocabulary.Types, null, new int[16]);
                var b = new PieceOutput(vocabulary.Types, null, new int[16]);
                cut.Encode(text, ref best, ref a);
                whole.Encode(text, ref best, ref b);
                Assert.True(b.Ids.SequenceEqual(a.Ids), $"{model}: {Encoding.UTF8.GetString(text[..Math.Min(200, text.Length)])}");
            }
        }
    }

    [Theory]
    [InlineData("bpe-8k-byte-fallback")]
    [InlineData("bpe-4k-identity-symbols")]
    [InlineData("bpe-2k-suffix")]
    public void BpeMergedByScanEqualsMergedByHeap(string model)
    {
        (_, SentencePieceVocabulary vocabulary) = Load(model);
        byte[] space = "\u2581"u8.ToArray();
        var scanned = new int[256];
        var heaped = new int[16];
        int words = 0;
        foreach (byte[] text in NormalizedLines(model, 4000))
        {
            // Every word, and the text cut at arbitrary points too (any range is a valid input to both).
            for (int start = 0; start < text.Length;)
            {
                int next = text.AsSpan(start + 1).IndexOf(space);
                int end = next < 0 ? text.Length : start + 1 + next;
                int symbols = SentencePieceBpeMerge.CountSymbols(text, start, end, vocabulary.UserDefined);
                if (symbols <= SentencePieceBpeMerge.ScanLimit)
                {
                    if (scanned.Length < 2 * symbols)
                        scanned = new int[2 * symbols];
                    int a = SentencePieceBpeMerge.MergeByScan(vocabulary, text, start, end, symbols, scanned, 0);
                    int b = SentencePieceBpeMerge.MergeByHeap(vocabulary, text, start, end, ref heaped, 0);
                    Assert.True(scanned.AsSpan(0, a).SequenceEqual(heaped.AsSpan(0, b)), $"{model}: {Encoding.UTF8.GetString(text[start..end])}");
                    words++;
                }
                start = end;
            }
        }
        Assert.True(words > 10000);
    }

    [Theory]
    [InlineData("bpe-8k-byte-fallback")]
    [InlineData("bpe-4k-identity-symbols")]
    [InlineData("bpe-2k-suffix")]
    public void BpeCutIntoWordsEqualsWholeText(string model)
    {
        (_, SentencePieceVocabulary vocabulary) = Load(model);
        var encoder = new SentencePieceBpe(vocabulary);
        var scratch = new int[16];
        var whole = new int[16];
        int lines = 0;
        for (int pass = 0; pass < 2; pass++) // the second pass is served by the word cache
        {
            foreach (byte[] text in NormalizedLines(model, 100_000))
            {
                var output = new PieceOutput(vocabulary.Types, null, new int[16]);
                encoder.Encode(text, ref scratch, ref output);
                int used = SentencePieceBpeMerge.MergeByHeap(vocabulary, text, 0, text.Length, ref whole, 0);
                var expected = new PieceOutput(vocabulary.Types, null, new int[16]);
                for (int i = 0, at = 0; i < used; at += whole[i + 1], i += 2)
                    expected.Add(whole[i], text.AsSpan(at, whole[i + 1]));
                Assert.True(expected.Ids.SequenceEqual(output.Ids), $"{model}: {Encoding.UTF8.GetString(text)}");
                lines++;
            }
        }
        Assert.True(lines > 1000);
    }
}
