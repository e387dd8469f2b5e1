using System.Text;
using Tessera.Formats.SentencePiece;
using Tessera.Models.SentencePiece;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Models.SentencePiece;

/// <summary>
/// Lines of printable ASCII and spaces take a shortcut to the unigram and BPE models (the spaced form, never normalized): the
/// form must stand for exactly what the normalizer writes, and the spaced encoder must give the ids of the normalized
/// one, on seeded random lines built to cross every rule (runs of spaces and tabs at either end and inside, words
/// longer than the cache holds, characters outside the vocabulary, lines long enough to cross the words' certified
/// limits) and on the ASCII lines of the golden inputs.
/// </summary>
public sealed class SpacedLineTests
{
    /// <summary>
    /// Of the golden models unigram-8k and bpe-8k-byte-fallback (nmt_nfkc: tabs are spaces) and bpe-1k-denormalizer
    /// (identity) take spaced lines; the others add no dummy prefix, keep extra spaces, put "▁" last, or have rules and
    /// symbols on ASCII. Unigram vocabularies are also tried under the
    /// identity normalizer, which copies tabs (so refuses their lines). Every golden vocabulary holds all of printable
    /// ASCII, so "unigram-8k-without-q" is unigram-8k with every piece holding "q" or "~" made UNUSED: those characters are
    /// then unknown.
    /// </summary>
    public static TheoryData<string, string> Pairs() => new()
    {
        { "unigram-8k", "own" },
        { "unigram-8k", "identity" },
        { "unigram-1k-nfkc", "identity" },
        { "unigram-8k-without-q", "own" },
        { "bpe-8k-byte-fallback", "own" },
        { "bpe-1k-denormalizer", "own" },
    };

    /// <summary>A unigram or BPE encoder (its word cache holds the keys of both kinds of line).</summary>
    private sealed class Encoder(SentencePieceVocabulary vocabulary, bool bpe)
    {
        private readonly SentencePieceUnigram? _unigram = bpe ? null : new SentencePieceUnigram(vocabulary);
        private readonly SentencePieceBpe? _bpe = bpe ? new SentencePieceBpe(vocabulary) : null;
        private SentencePieceUnigram.Best[] _best = new SentencePieceUnigram.Best[16];
        private int[] _pieces = new int[16];

        public bool CutsBeforeSpace => _unigram?.CutsBeforeSpace ?? _bpe!.CutsBeforeSpace;

        public void EncodeSpaced(byte[] buffer, int length, ref PieceOutput output)
        {
            if (_unigram is not null)
                _unigram.EncodeSpaced(buffer, length, ref _best, ref output);
            else
                _bpe!.EncodeSpaced(buffer, length, ref _pieces, ref output);
        }

        public void Encode(ReadOnlySpan<byte> normalized, ref PieceOutput output)
        {
            if (_unigram is not null)
                _unigram.Encode(normalized, ref _best, ref output);
            else
                _bpe!.Encode(normalized, ref _pieces, ref output);
        }
    }

    private static SentencePieceVocabulary VocabularyOf(string model)
    {
        string path = Path.Combine(TestPaths.Goldens, "spm", model.Replace("-without-q", "") + ".model");
        ModelProto proto = ModelProto.Parse(File.ReadAllBytes(path), path);
        if (model.EndsWith("-without-q", StringComparison.Ordinal))
        {
            for (int i = 0; i < proto.Pieces.Count; i++)
                if (proto.Pieces[i].Type == PieceType.Normal && proto.Pieces[i].Utf8.AsSpan().IndexOfAny("q~"u8) >= 0)
                    proto.Pieces[i] = proto.Pieces[i] with { Type = PieceType.Unused };
        }
        return new SentencePieceVocabulary(proto, path);
    }

    private static SentencePieceNormalizer NormalizerOf(string model, string normalizer) => normalizer == "identity"
        ? new SentencePieceNormalizer(null, null, addDummyPrefix: true, removeExtraWhitespaces: true, escapeWhitespaces: true, treatWhitespaceAsSuffix: false)
        : SentencePieceNormalizerTests.NormalizerOf(model.Replace("-without-q", ""));

    [Theory]
    [InlineData("unigram-8k", true)]
    [InlineData("unigram-1k-nfkc", false)]         // no dummy prefix
    [InlineData("unigram-1k-custom-rules", false)] // rules on ASCII
    [InlineData("unigram-2k-nfkc-cf-suffix", false)]
    [InlineData("unigram-4k-identity-symbols", false)]
    [InlineData("bpe-8k-byte-fallback", true)]
    [InlineData("bpe-1k-denormalizer", true)]      // identity
    [InlineData("bpe-2k-suffix", false)]           // whitespace as suffix
    public void OnlyNormalizersThatCopyAsciiAndCollapseSpacesTakeSpacedLines(string model, bool spaced) =>
        Assert.Equal(spaced, SentencePieceNormalizerTests.NormalizerOf(model).SpacedLines);

    /// <summary>Random lines of printable ASCII, spaces and tabs (and, one line in ten, a byte outside them).</summary>
    private static IEnumerable<byte[]> RandomLines(int count, int seed)
    {
        var random = new Random(seed);
        const string letters = "etaoinshrdlucmfwypvbgkjqxz";
        for (int i = 0; i < count; i++)
        {
            var line = new StringBuilder();
            int words = random.Next(0, i % 50 == 0 ? 400 : 12);
            for (int w = 0; w < words; w++)
            {
                int spaces = random.Next(10) switch { 0 => 0, < 7 => 1, 7 => 2, 8 => 3, _ => -1 };
                if (spaces < 0)
                    line.Append(random.Next(2) == 0 ? "\t" : " \t ");
                else
                    line.Append(' ', w == 0 && random.Next(3) != 0 ? 0 : spaces);
                int length = random.Next(10) == 0 ? random.Next(20, 70) : random.Next(1, 9);
                for (int c = 0; c < length; c++)
                {
                    line.Append(random.Next(8) switch
                    {
                        0 => (char)random.Next(0x21, 0x7F),
                        1 => char.ToUpperInvariant(letters[random.Next(letters.Length)]),
                        _ => letters[random.Next(letters.Length)],
                    });
                }
            }
            line.Append(' ', random.Next(4) == 0 ? random.Next(1, 4) : 0);
            if (random.Next(10) == 0 && line.Length > 0)
                line[random.Next(line.Length)] = random.Next(2) == 0 ? '\u00e9' : (char)random.Next(0, 0x20);
            yield return Encoding.UTF8.GetBytes(line.ToString());
        }
    }

    private static IEnumerable<byte[]> GoldenAsciiLines() =>
        GoldenFiles.InputNames().SelectMany(GoldenFiles.Documents).SelectMany(d => d.Split('\n'))
            .Where(l => l.All(c => c is >= ' ' and <= '~' or '\t')).Select(Encoding.UTF8.GetBytes);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SpacedFormStandsForTheNormalizedText(string model, string normalizerName)
    {
        SentencePieceNormalizer normalizer = NormalizerOf(model, normalizerName);
        Assert.True(normalizer.SpacedLines, $"{model} takes no spaced lines");
        byte[] spacedBuffer = new byte[8], normalizedBuffer = new byte[8];
        int spacedLines = 0;
        foreach (byte[] line in RandomLines(5_000, 1).Concat(GoldenAsciiLines()))
        {
            int length = normalizer.Normalize(line, ref normalizedBuffer);
            byte[] normalized = normalizedBuffer[..length];
            bool ascii = line.All(b => b is >= 0x20 and <= 0x7E or (byte)'\t');
            if (!normalizer.TryCopySpacedLine(line, ref spacedBuffer, 32, out int spacedLength))
            {
                Assert.False(ascii && !line.Contains((byte)'\t'), $"{model}: a line of printable ASCII and spaces was refused: {Encoding.UTF8.GetString(line)}");
                continue;
            }
            Assert.True(ascii, $"{model}: a line with other bytes was taken: {Convert.ToHexString(line)}");
            spacedLines++;
            // Every run of spaces but the last (which ends the line) is one "▁".
            string spaced = Encoding.Latin1.GetString(spacedBuffer, 0, spacedLength);
            string expected = System.Text.RegularExpressions.Regex.Replace(spaced.TrimEnd(' '), " +", "\u2581");
            Assert.Equal(expected, Encoding.UTF8.GetString(normalized));
        }
        Assert.True(spacedLines > 3_000, $"{model}: {spacedLines} spaced lines");
    }

    [Fact]
    public unsafe void ShortLinesNearTheEndOfAPageAreCopiedAsAnywhereElse()
    {
        // A line shorter than 32 bytes is read whole when the 32 bytes from its start stay in its page, else copied
        // first: lines ending at every byte of a page's last 64, and a refused one (a byte not ASCII) among them.
        SentencePieceNormalizer normalizer = SentencePieceNormalizerTests.NormalizerOf("unigram-8k");
        byte* page = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(8192, 4096);
        try
        {
            byte[] actual = new byte[8];
            foreach (string text in new[] { "a b", "\tword  and\t", "thirty-one bytes of text here:)", "caf\u00e9 au lait" })
            {
                byte[] line = Encoding.UTF8.GetBytes(text);
                bool taken = text.All(char.IsAscii);
                byte[] expected = Encoding.ASCII.GetBytes(" " + text.Replace('\t', ' ')); // tabs are spaces in nmt_nfkc
                for (int end = 4096 - 64; end <= 4096; end++)
                {
                    new Span<byte>(page, 8192).Fill(0xFF); // refused if read as part of the line
                    var placed = new Span<byte>(page + end - line.Length, line.Length);
                    line.CopyTo(placed);
                    Assert.Equal(taken, normalizer.TryCopySpacedLine(placed, ref actual, 32, out int actualLength));
                    if (taken)
                        Assert.Equal(expected, actual.AsSpan(0, actualLength).ToArray());
                }
            }
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(page);
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SpacedLinesGiveTheIdsOfNormalizedOnes(string model, string normalizerName)
    {
        SentencePieceVocabulary vocabulary = VocabularyOf(model);
        SentencePieceNormalizer normalizer = NormalizerOf(model, normalizerName);
        Assert.True(normalizer.SpacedLines);
        // Unknown pieces as bytes (ids past the vocabulary's), so that every unknown piece shows in the ids.
        int[] byteIds = [.. Enumerable.Range(vocabulary.Count, 256)];
        int unknown = 0;
        bool bpe = model.StartsWith("bpe", StringComparison.Ordinal);
        var encoder = new Encoder(vocabulary, bpe);
        var reference = new Encoder(vocabulary, bpe);
        Assert.True(encoder.CutsBeforeSpace);
        byte[] spacedBuffer = new byte[8], normalizedBuffer = new byte[8];
        var lines = RandomLines(5_000, 2).Concat(GoldenAsciiLines()).ToList();
        lines.Add([.. lines.Where(l => l.All(b => b is >= 0x20 and <= 0x7E)).Take(3_000).SelectMany(l => l.Append((byte)' '))]);
        int compared = 0;
        for (int pass = 0; pass < 2; pass++) // the second pass is served by the word cache
        {
            foreach (byte[] line in lines)
            {
                if (!normalizer.TryCopySpacedLine(line, ref spacedBuffer, 32, out int spacedLength))
                    continue;
                var spaced = new PieceOutput(vocabulary.Types, byteIds, new int[16]);
                encoder.EncodeSpaced(spacedBuffer, spacedLength, ref spaced);
                int length = normalizer.Normalize(line, ref normalizedBuffer);
                var normalized = new PieceOutput(vocabulary.Types, byteIds, new int[16]);
                // Half the lines through the same encoder, whose cache then holds both kinds of key.
                (line.Length % 2 == 0 ? encoder : reference).Encode(normalizedBuffer.AsSpan(0, length), ref normalized);
                Assert.True(normalized.Ids.SequenceEqual(spaced.Ids),
                    $"{model}: {Encoding.UTF8.GetString(line[..Math.Min(200, line.Length)])}: expected [{string.Join(' ', normalized.Ids.ToArray())}], got [{string.Join(' ', spaced.Ids.ToArray())}]");
                compared++;
                unknown += normalized.Ids.ToArray().Count(id => id >= vocabulary.Count);
            }
        }
        Assert.True(compared > 6_000, $"{model}: {compared} lines compared");
        Assert.True(!model.EndsWith("-without-q", StringComparison.Ordinal) || unknown > 1_000, $"{model}: {unknown} unknown bytes");
    }
}
