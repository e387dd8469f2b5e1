using System.Globalization;
using System.Text;
using Tessera.Models;
using Tessera.Models.Unigram;

namespace Tessera.Tests.Models.Unigram;

/// <summary>
/// Subword regularization, judged by statistics: against the exact distribution (every segmentation enumerated,
/// probability proportional to <c>exp(alpha * score)</c>) and against SentencePiece's own sampler (spm_encode's counts
/// in Goldens/spm-sampling, made by tests/goldens/make-spm-sampling-goldens.sh). Hugging Face exposes no sampling.
/// </summary>
public sealed class UnigramSamplingTests
{
    private static readonly List<(string, double)> s_small =
        [("<unk>", 0), ("a", -1), ("b", -1.2), ("ab", -1.5), ("c", -0.7), ("bc", -2), ("abc", -2.9), ("東", -3), ("東c", -3.5)];

    private static string Key(UnigramModel model, string text, List<Token> tokens)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return string.Join(" ", tokens.Select(t => Encoding.UTF8.GetString(bytes, t.Start, t.End - t.Start)));
    }

    /// <summary>Every segmentation into vocabulary pieces, with an unknown node for a character no single piece covers.</summary>
    private static List<(string Key, double Score)> Segmentations(List<(string Piece, double Score)> vocab, string text)
    {
        var scores = vocab.ToDictionary(v => v.Piece, v => v.Score);
        double unknown = vocab.Min(v => v.Score) - 10;
        int[] bounds = [.. NaiveUnigram.Boundaries(text)];
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        string Slice(int a, int b) => Encoding.UTF8.GetString(bytes, bounds[a], bounds[b] - bounds[a]);
        var result = new List<(string, double)>();
        void Walk(int at, List<string> pieces, double score)
        {
            if (at == bounds.Length - 1)
            {
                result.Add((string.Join(" ", pieces), score));
                return;
            }
            for (int end = at + 1; end < bounds.Length; end++)
            {
                string piece = Slice(at, end);
                bool known = scores.TryGetValue(piece, out double s);
                if (!known && !(end == at + 1 && !scores.ContainsKey(piece)))
                    continue;
                pieces.Add(piece);
                Walk(end, pieces, score + (known ? s : unknown));
                pieces.RemoveAt(pieces.Count - 1);
            }
        }
        Walk(0, [], 0);
        return result;
    }

    private static Dictionary<string, int> Draw(UnigramModel model, string text, int nbest, double alpha, int count, int seed)
    {
        var random = new Random(seed);
        var counts = new Dictionary<string, int>();
        var tokens = new List<Token>();
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        for (int i = 0; i < count; i++)
        {
            tokens.Clear();
            model.SampleTokenize(bytes, nbest, alpha, random, tokens);
            string key = Key(model, text, tokens);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    [Theory]
    [InlineData("abc", 0.1)]
    [InlineData("abc", 1.0)]
    [InlineData("ab東c", 0.5)]
    [InlineData("abcx", 0.5)] // an unknown character: its node scores min - 10
    public void FullLatticeSamplingHasTheExactDistribution(string text, double alpha)
    {
        var model = new UnigramModel(s_small, 0, false) { FuseUnknown = false };
        List<(string Key, double Score)> all = Segmentations(s_small, text);
        double z = all.Sum(s => Math.Exp(alpha * s.Score));
        const int N = 40000;
        Dictionary<string, int> counts = Draw(model, text, -1, alpha, N, seed: 7);
        Assert.All(counts.Keys, k => Assert.Contains(k, all.Select(s => s.Key)));
        double chi = 0;
        int categories = 0;
        foreach ((string key, double score) in all)
        {
            double expected = N * Math.Exp(alpha * score) / z;
            if (expected < 5)
                continue;
            categories++;
            double observed = counts.GetValueOrDefault(key);
            chi += (observed - expected) * (observed - expected) / expected;
        }
        Assert.True(ChiSquare.UpperTail(chi, Math.Max(1, categories - 1)) > 1e-6, $"chi-square {chi:F1} over {categories} segmentations");
    }

    [Fact]
    public void NBestListsTheBestSegmentationsInOrder()
    {
        var model = new UnigramModel(s_small, 0, false);
        UnigramLattice lattice = model.CreateLattice("ab東c"u8);
        var best = lattice.NBest(5);
        var expected = Segmentations(s_small, "ab東c").OrderByDescending(s => s.Score).Take(5).ToList();
        Assert.Equal(expected.Select(e => e.Score), best.Select(b => b.Score));
        Assert.Equal(expected.Select(e => e.Key), best.Select(b => string.Join(" ", b.Path.Select(n => Encoding.UTF8.GetString("ab東c"u8[n.Start..n.End])))));
        Assert.Equal(Segmentations(s_small, "ab東c").Count, lattice.NBest(100).Count); // fewer when there are fewer
    }

    [Fact]
    public void NBestSamplingHasTheExactDistribution()
    {
        var model = new UnigramModel(s_small, 0, false);
        const double Alpha = 0.8;
        var top = Segmentations(s_small, "abc").OrderByDescending(s => s.Score).Take(3).ToList();
        double z = top.Sum(s => Math.Exp(Alpha * s.Score));
        const int N = 30000;
        Dictionary<string, int> counts = Draw(model, "abc", 3, Alpha, N, seed: 3);
        Assert.Equal(top.Select(t => t.Key).Order(), counts.Keys.Order());
        double chi = top.Sum(t => Math.Pow(counts[t.Key] - N * Math.Exp(Alpha * t.Score) / z, 2) / (N * Math.Exp(Alpha * t.Score) / z));
        Assert.True(ChiSquare.UpperTail(chi, 2) > 1e-6, $"chi-square {chi:F1}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void NBestSizeZeroOrOneIsViterbi(int nbest)
    {
        var model = new UnigramModel(s_small, 0, false);
        var viterbi = new List<Token>();
        model.Tokenize("abcab東c"u8, viterbi);
        var sampled = new List<Token>();
        model.SampleTokenize("abcab東c"u8, nbest, 0.1, new Random(1), sampled);
        Assert.Equal(viterbi, sampled);
    }

    [Fact]
    public void NBestSizeAbove512IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnigramModel(s_small, 0, false).SampleTokenize("a"u8, 513, 0.1, new Random(1), []));

    [Fact]
    public void WithoutAnUnknownIdOnlyUncoveredTextFails()
    {
        var model = new UnigramModel(new[] { ("a", -1.0), ("ab", -1.0) }, null, false);
        var tokens = new List<Token>();
        model.SampleTokenize("ab"u8, -1, 0.5, new Random(1), tokens); // "b" alone has no piece, but "ab" covers it
        Assert.Equal([new Token(1, 0, 2)], tokens);
        Assert.Throws<TokenizationException>(() => model.SampleTokenize("b"u8, -1, 0.5, new Random(1), []));
        Assert.Throws<TokenizationException>(() => model.SampleTokenize("b"u8, 4, 0.5, new Random(1), []));
    }

    [Fact]
    public void SampledUnknownRunsFuseAsInViterbi()
    {
        var model = new UnigramModel(s_small, 0, false);
        var tokens = new List<Token>();
        model.SampleTokenize("axyb"u8, -1, 0.5, new Random(1), tokens);
        Assert.Contains(tokens, t => t.Id == 0 && t.Start == 1 && t.End == 3);
    }

    public static TheoryData<string, int, string> SentencePieceSettings()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var group in SpmSamples().GroupBy(s => (s.Word, s.NBest, s.Alpha)))
            data.Add(group.Key.Word, group.Key.NBest, group.Key.Alpha);
        return data;
    }

    private static IEnumerable<(string Word, int NBest, string Alpha, string Pieces, int Count)> SpmSamples() =>
        File.ReadLines(Path.Combine(TestPaths.Goldens, "spm-sampling", "samples.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(p => (p[0], int.Parse(p[1], CultureInfo.InvariantCulture), p[2], p[3], int.Parse(p[4], CultureInfo.InvariantCulture)));

    private static readonly Lazy<UnigramModel> s_spm = new(() =>
    {
        var pieces = File.ReadLines(Path.Combine(TestPaths.Goldens, "spm-sampling", "model.vocab")).Where(l => l.Length > 0)
            .Select(l => l.Split('\t')).Select(p => (p[0], double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        return new UnigramModel(pieces, 0, false);
    });

    [Theory]
    [MemberData(nameof(SentencePieceSettings))]
    public void SamplesAsSentencePieceDoes(string word, int nbest, string alpha)
    {
        var theirs = SpmSamples().Where(s => s.Word == word && s.NBest == nbest && s.Alpha == alpha).ToDictionary(s => s.Pieces, s => s.Count);
        int n = theirs.Values.Sum();
        string normalized = "\u2581" + word.Replace(" ", "\u2581", StringComparison.Ordinal);
        Dictionary<string, int> ours = Draw(s_spm.Value, normalized, nbest, double.Parse(alpha, CultureInfo.InvariantCulture), n, seed: 11);
        // Two-sample chi-square over segmentations seen at least 10 times in all, the rest pooled.
        double chi = 0;
        int categories = 0;
        int pooledA = 0, pooledB = 0;
        foreach (string key in theirs.Keys.Union(ours.Keys))
        {
            int a = theirs.GetValueOrDefault(key), b = ours.GetValueOrDefault(key);
            if (a + b < 10)
            {
                pooledA += a;
                pooledB += b;
                continue;
            }
            chi += (double)(a - b) * (a - b) / (a + b);
            categories++;
        }
        if (pooledA + pooledB > 0)
        {
            chi += (double)(pooledA - pooledB) * (pooledA - pooledB) / (pooledA + pooledB);
            categories++;
        }
        Assert.True(categories <= 1 || ChiSquare.UpperTail(chi, categories - 1) > 1e-6,
            $"{word} nbest {nbest} alpha {alpha}: chi-square {chi:F1} over {categories} categories");
    }
}

/// <summary>The upper tail of the chi-square distribution (Wilson–Hilferty normal approximation).</summary>
internal static class ChiSquare
{
    public static double UpperTail(double statistic, int degrees)
    {
        double k = degrees;
        double z = (Math.Cbrt(statistic / k) - (1 - 2 / (9 * k))) / Math.Sqrt(2 / (9 * k));
        return 0.5 * Erfc(z / Math.Sqrt(2));
    }

    private static double Erfc(double x)
    {
        // Numerical Recipes' erfcc: fractional error below 1.2e-7 everywhere.
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
