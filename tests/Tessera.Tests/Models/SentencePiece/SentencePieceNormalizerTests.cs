using Tessera.Formats.SentencePiece;
using Tessera.Models.SentencePiece;
using Tessera.Normalizers;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Models.SentencePiece;

/// <summary>
/// The normalizer alone against <c>spm_normalize --use_internal_normalization</c> (the model's normalizer spec, without
/// its user-defined symbols) on lines of malformed UTF-8, NUL, controls and spaces, for every model.
/// </summary>
public sealed class SentencePieceNormalizerTests
{
    public static TheoryData<string> Models() => SentencePieceConformanceTests.Models();

    /// <summary>
    /// The model's normalizer; <paramref name="asSpmNormalize"/>: as spm_normalize builds it, from the normalizer spec
    /// alone (no user-defined symbols, the dummy prefix first even with treat_whitespace_as_suffix).
    /// </summary>
    internal static SentencePieceNormalizer NormalizerOf(string model, bool asSpmNormalize = false)
    {
        string path = Path.Combine(TestPaths.Goldens, "spm", model + ".model");
        ModelProto proto = ModelProto.Parse(File.ReadAllBytes(path), path);
        NormalizerSpec spec = proto.NormalizerSpec;
        PrecompiledCharsMap? map = spec.PrecompiledCharsmap.Length > 0 ? PrecompiledCharsMap.TryParse(spec.PrecompiledCharsmap, out _) : null;
        PieceTrie? userDefined = asSpmNormalize ? null : new SentencePieceVocabulary(proto, path).UserDefined;
        return new SentencePieceNormalizer(map, userDefined, spec.AddDummyPrefix, spec.RemoveExtraWhitespaces, spec.EscapeWhitespaces,
            !asSpmNormalize && proto.TrainerSpec.TreatWhitespaceAsSuffix);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void NormalizesLikeSpmNormalize(string model)
    {
        SentencePieceNormalizer normalizer = NormalizerOf(model, asSpmNormalize: true);
        string root = Path.Combine(TestPaths.Goldens, "spm");
        List<byte[]> lines = SentencePieceConformanceTests.SplitLines(File.ReadAllBytes(Path.Combine(root, "raw-lines.bin")));
        List<byte[]> expected = SentencePieceConformanceTests.SplitLines(File.ReadAllBytes(Path.Combine(root, model, "raw-lines.normalized")));
        Assert.Equal(lines.Count, expected.Count);
        byte[] output = new byte[4];
        for (int i = 0; i < lines.Count; i++)
        {
            int length = normalizer.Normalize(lines[i], ref output);
            Assert.True(expected[i].AsSpan().SequenceEqual(output.AsSpan(0, length)),
                $"{model} line {i + 1} ({Convert.ToHexString(lines[i])}): expected {Convert.ToHexString(expected[i])}, got {Convert.ToHexString(output, 0, length)}");
        }
    }

    [Theory]
    [InlineData("unigram-8k")]
    [InlineData("unigram-2k-nfkc-cf-suffix")]
    [InlineData("word-4k-identity")]
    public void SixteenBytesAtATimeEqualsByteByByte(string model)
    {
        // Runs of printable ASCII cut at every offset of a 16-byte block, before ASCII, spaces and rule starts
        // ("A" + U+0300, "<" + U+0338, full-width letters).
        string path = Path.Combine(TestPaths.Goldens, "spm", model + ".model");
        ModelProto proto = ModelProto.Parse(File.ReadAllBytes(path), path);
        NormalizerSpec spec = proto.NormalizerSpec;
        PrecompiledCharsMap? map = spec.PrecompiledCharsmap.Length > 0 ? PrecompiledCharsMap.TryParse(spec.PrecompiledCharsmap, out _) : null;
        var fast = new SentencePieceNormalizer(map, null, spec.AddDummyPrefix, spec.RemoveExtraWhitespaces, spec.EscapeWhitespaces, false);
        var slow = new SentencePieceNormalizer(map, null, spec.AddDummyPrefix, spec.RemoveExtraWhitespaces, spec.EscapeWhitespaces, false, vectorized: false);
        string[] tails = ["\u0300", "\u0338x", " ", "  ", "\t", "\uFF21", "\u00E9", "", "\u3000y", "\uFB01"];
        var random = new Random(7);
        byte[] a = [], b = [];
        for (int i = 0; i < 20000; i++)
        {
            var text = new System.Text.StringBuilder();
            for (int parts = random.Next(1, 5); parts > 0; parts--)
            {
                for (int k = random.Next(0, 40); k > 0; k--)
                    text.Append((char)random.Next(0x21, 0x7F));
                text.Append(tails[random.Next(tails.Length)]);
            }
            byte[] input = System.Text.Encoding.UTF8.GetBytes(text.ToString());
            int m = fast.Normalize(input, ref a), n = slow.Normalize(input, ref b);
            Assert.True(a.AsSpan(0, m).SequenceEqual(b.AsSpan(0, n)), $"{model}: {text}");
        }
    }

    [Fact]
    public void OutputBufferGrows()
    {
        SentencePieceNormalizer normalizer = NormalizerOf("unigram-8k");
        byte[] output = [];
        byte[] input = [.. Enumerable.Repeat((byte)'a', 5000), .. " b"u8];
        int length = normalizer.Normalize(input, ref output);
        Assert.Equal(3 + 5000 + 3 + 1, length);
    }
}
