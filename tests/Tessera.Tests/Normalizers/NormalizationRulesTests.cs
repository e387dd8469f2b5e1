using System.Text;
using Tessera.Formats.SentencePiece;
using Tessera.Normalizers;

namespace Tessera.Tests.Normalizers;

/// <summary>
/// SentencePiece's predefined rules as Tessera builds them, against the charsmaps spm_train 0.1.97 wrote into the
/// golden models of tests/goldens/make-spm-goldens.sh (unigram-8k: its default nmt_nfkc; unigram-1k-nfkc: nfkc), and
/// the charsmap writer against its reader.
/// </summary>
public sealed class NormalizationRulesTests
{
    private static Dictionary<string, string> SpmRules(string golden)
    {
        var model = ModelProto.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Goldens, "spm", golden)), golden);
        PrecompiledCharsMap map = PrecompiledCharsMap.TryParse(model.NormalizerSpec.PrecompiledCharsmap, out string? problem)
            ?? throw new InvalidOperationException(problem);
        return map.Rules().ToDictionary(r => Encoding.UTF8.GetString(r.Key), r => Encoding.UTF8.GetString(r.Replacement));
    }

    private static void AssertSameRules(Dictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        string[] missing = [.. expected.Keys.Where(k => !actual.ContainsKey(k)).Take(5).Select(Hex)];
        string[] extra = [.. actual.Keys.Where(k => !expected.ContainsKey(k)).Take(5).Select(Hex)];
        string[] different = [.. expected.Where(r => actual.TryGetValue(r.Key, out string? v) && v != r.Value).Take(5).Select(r => Hex(r.Key))];
        Assert.True(missing.Length + extra.Length + different.Length == 0,
            $"missing [{string.Join("; ", missing)}] extra [{string.Join("; ", extra)}] different [{string.Join("; ", different)}]");
        Assert.Equal(expected.Count, actual.Count);
    }

    private static string Hex(string s) => string.Join(" ", s.EnumerateRunes().Select(r => $"U+{r.Value:X4}"));

    [Fact]
    public void NmtNfkcHasEveryRuleOfSpmTrainsDefaultCharsmap()
    {
        Dictionary<string, string> spm = SpmRules("unigram-8k.model");
        Assert.True(spm.Count > 200_000);
        AssertSameRules(spm, NormalizationRules.Rules("nmt_nfkc"));
    }

    [Fact]
    public void NfkcHasEveryRuleOfSpmTrainsNfkcCharsmap() => AssertSameRules(SpmRules("unigram-1k-nfkc.model"), NormalizationRules.Rules("nfkc"));

    [Theory]
    [InlineData("nmt_nfkc")]
    [InlineData("nfkc")]
    public void CompiledCharsmapReadsBackAsItsRules(string name)
    {
        PrecompiledCharsMap map = PrecompiledCharsMap.TryParse(NormalizationRules.CharsMap(name), out string? problem) ?? throw new InvalidOperationException(problem);
        AssertSameRules(map.Rules().ToDictionary(r => Encoding.UTF8.GetString(r.Key), r => Encoding.UTF8.GetString(r.Replacement)),
            NormalizationRules.Rules(name));
        Assert.NotNull(PrecompiledCharsMap.TryParseHuggingFace(NormalizationRules.CharsMap(name), out _));
    }

    [Fact]
    public void IdentityHasNoCharsmap()
    {
        Assert.Empty(NormalizationRules.CharsMap("identity"));
        Assert.Throws<ArgumentException>(() => NormalizationRules.CharsMap("nfc"));
    }

    [Fact]
    public void RandomRulesMatchLongestAndFirstAsAListWould()
    {
        var random = new Random(7);
        string[] alphabet = ["a", "b", "é", "中", "😀", "\t"];
        for (int round = 0; round < 20; round++)
        {
            var rules = new Dictionary<string, string>(StringComparer.Ordinal);
            int count = random.Next(1, 60);
            while (rules.Count < count)
                rules[Word(random, alphabet, random.Next(1, 5))] = Word(random, alphabet, random.Next(0, 4));
            byte[] blob = PrecompiledCharsMapWriter.Write(rules);
            PrecompiledCharsMap map = PrecompiledCharsMap.TryParse(blob, out _)!;
            PrecompiledCharsMap hf = PrecompiledCharsMap.TryParseHuggingFace(blob, out _)!;
            for (int probe = 0; probe < 200; probe++)
            {
                byte[] text = Encoding.UTF8.GetBytes(Word(random, [.. alphabet, "\0"], random.Next(1, 7)));
                (int length, string? replacement) longest = (0, null), first = (0, null);
                foreach ((string key, string value) in rules)
                {
                    byte[] k = Encoding.UTF8.GetBytes(key);
                    if (!text.AsSpan().StartsWith(k))
                        continue;
                    if (k.Length > longest.length)
                        longest = (k.Length, value);
                    if (first.replacement is null || k.Length < first.length)
                        first = (k.Length, value);
                }
                Assert.Equal(longest.length, map.LongestMatch(text, out ReadOnlySpan<byte> replacement));
                if (longest.length > 0)
                    Assert.Equal(longest.replacement, Encoding.UTF8.GetString(replacement));
                int nul = Array.IndexOf(text, (byte)0);
                bool expectFirst = first.replacement is not null && (nul < 0 || nul >= first.length);
                Assert.Equal(expectFirst, hf.TryFirstMatch(text, out ReadOnlySpan<byte> firstReplacement));
                if (expectFirst)
                    Assert.Equal(first.replacement, Encoding.UTF8.GetString(firstReplacement));
            }
        }
    }

    private static string Word(Random random, string[] alphabet, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]));
}
