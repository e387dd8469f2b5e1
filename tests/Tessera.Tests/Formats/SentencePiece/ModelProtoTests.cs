using Tessera.Formats.SentencePiece;

namespace Tessera.Tests.Formats.SentencePiece;

/// <summary>
/// Reading a <c>.model</c>: the fields of a real model, protobuf rules (unknown fields skipped, last scalar wins), and
/// every malformed-file path, each a <see cref="TokenizerFormatException"/> naming the file and the byte offset.
/// </summary>
public sealed class ModelProtoTests
{
    [Theory]
    [InlineData(new byte[] { 0x08, 0x80 }, 1, "truncated varint")]
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, 1, "longer than ten bytes")]
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 }, 1, "runs past the end")]
    [InlineData(new byte[] { 0x0E }, 0, "invalid wire type 6")]
    [InlineData(new byte[] { 0x00 }, 0, "invalid field number 0")]
    [InlineData(new byte[] { 0x0A, 0x03, 0x15, 0x00, 0x00 }, 3, "truncated fixed32")]
    [InlineData(new byte[] { 0x0A, 0x02, 0x08, 0x80 }, 3, "truncated varint")]
    [InlineData(new byte[] { 0x29, 0x00, 0x00 }, 1, "truncated fixed64")]
    [InlineData(new byte[] { 0x0B, 0x10, 0x01 }, 1, "group 1 has no end")]
    [InlineData(new byte[] { 0x0B, 0x14 }, 2, "group 1 ended by the end of group 2")]
    [InlineData(new byte[] { 0x0C }, 1, "unexpected end of group 1")]
    [InlineData(new byte[] { 0x12, 0x04, 0xFA, 0x01, 0x05, 0x41 }, 4, "runs past the end")]
    public void BrokenProtobufNamesFileAndOffset(byte[] data, int offset, string problem)
    {
        string path = ModelBuilder.WriteTemp(data);
        var error = Assert.Throws<TokenizerFormatException>(() => SentencePieceTokenizer.Load(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains($"byte offset {offset}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedRealModelNamesTheOffset()
    {
        byte[] model = File.ReadAllBytes(Path.Combine(TestPaths.Goldens, "spm", "unigram-8k.model"));
        string path = ModelBuilder.WriteTemp(model[..(model.Length / 2)]);
        var error = Assert.Throws<TokenizerFormatException>(() => SentencePieceTokenizer.Load(path));
        Assert.Contains("byte offset", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAModelIsAnError()
    {
        string path = ModelBuilder.WriteTemp("{\"version\": \"1.0\"}"u8.ToArray());
        Assert.Throws<TokenizerFormatException>(() => SentencePieceTokenizer.Load(path));
    }

    [Fact]
    public void EmptyFileHasNoPieces()
    {
        var error = Assert.Throws<TokenizerFormatException>(() => SentencePieceTokenizer.FromBytes([], "empty.model"));
        Assert.Contains("no pieces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => SentencePieceTokenizer.Load(Path.Combine(Path.GetTempPath(), "no-such.model")));

    public static TheoryData<string, byte[], string> RejectedModels() => new()
    {
        { "empty piece", new ModelBuilder().Specials().Piece("").Build(), "is empty" },
        { "duplicate piece", new ModelBuilder().Specials().Piece("a").Piece("a").Build(), "'a' is already defined" },
        { "no unknown", new ModelBuilder().Piece("a").Piece("b").Build(), "no unknown piece" },
        { "two unknowns", new ModelBuilder().Specials().Piece("<unk2>", 0, 2).Build(), "a second unknown piece" },
        { "byte piece without byte_fallback", new ModelBuilder().Specials().Piece("<0x41>", 0, 6).Build(), "byte_fallback is false" },
        { "bad byte piece", new ModelBuilder().Specials().Piece("<0xZZ>", 0, 6).Trainer(35, 1).Build(), "not a valid byte piece" },
        { "byte_fallback without 256 bytes", new ModelBuilder().Specials().Piece("<0x41>", 0, 6).Trainer(35, 1).Build(), "no byte piece for 0x00" },
        { "charsmap shorter than its header", new ModelBuilder().Specials().NormalizerBytes(2, [1, 2]).Build(), "shorter than its 4-byte header" },
        { "charsmap trie past the end", new ModelBuilder().Specials().NormalizerBytes(2, [100, 0, 0, 0, 1, 2, 3, 4]).Build(), "exceeds the data" },
    };

    [Theory]
    [MemberData(nameof(RejectedModels))]
    public void ModelsSentencePieceRejectsAreErrors(string what, byte[] model, string problem)
    {
        string path = ModelBuilder.WriteTemp(model);
        var error = Assert.Throws<TokenizerFormatException>(() => SentencePieceTokenizer.Load(path));
        Assert.Equal(path, error.FilePath);
        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Contains("byte offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealModelFields()
    {
        var tokenizer = SentencePieceTokenizer.Load(Path.Combine(TestPaths.Goldens, "spm", "bpe-4k-identity-symbols.model"));
        Assert.Equal(SentencePieceModelType.Bpe, tokenizer.ModelType);
        Assert.Equal(4000, tokenizer.VocabularySize);
        Assert.Equal(0, tokenizer.UnkId);
        Assert.Equal(1, tokenizer.BosId);
        Assert.Equal(2, tokenizer.EosId);
        Assert.Equal(-1, tokenizer.PadId);
        Assert.Equal("<cls>", tokenizer.IdToPiece(3));
        Assert.Equal("<2en>", tokenizer.IdToPiece(4));
        Assert.Equal("<sep>", tokenizer.IdToPiece(5));
        Assert.Equal(5, tokenizer.PieceToId("<sep>"));
        Assert.Equal(0, tokenizer.PieceToId("no such piece"));

        ModelProto proto = ModelProto.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Goldens, "spm", "bpe-4k-identity-symbols.model")), "(test)");
        Assert.True(proto.TrainerSpec.SplitDigits);
        Assert.Equal(["<cls>", "<2en>"], proto.TrainerSpec.ControlSymbols);
        Assert.Equal(["<sep>", "[MASK]", "@@", "http", "ing", "\uFB01"], proto.TrainerSpec.UserDefinedSymbols);
        Assert.Equal("identity", proto.NormalizerSpec.Name);
        Assert.Empty(proto.NormalizerSpec.PrecompiledCharsmap);

        proto = ModelProto.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Goldens, "spm", "unigram-8k.model")), "(test)");
        Assert.Equal(SentencePieceModelType.Unigram, proto.TrainerSpec.ModelType);
        Assert.Equal("nmt_nfkc", proto.NormalizerSpec.Name);
        Assert.True(proto.NormalizerSpec.PrecompiledCharsmap.Length > 100_000);
        Assert.True(proto.NormalizerSpec.AddDummyPrefix && proto.NormalizerSpec.RemoveExtraWhitespaces && proto.NormalizerSpec.EscapeWhitespaces);
    }

    [Fact]
    public void UnknownFieldsAreSkippedAndTheLastScalarWins()
    {
        byte[] model = new ModelBuilder().Specials().Piece("\u2581a", -1).Piece("a", -2)
            .Trainer(3, 2)      // model_type BPE...
            .Trainer(3, 1)      // ...then UNIGRAM: the last wins
            .Trainer(99, 7)     // unknown field
            .Trainer(3, 77)     // unknown enum value: ignored, as proto2 keeps it as an unknown field
            .Build();
        byte[] withUnknown = [.. model, .. ModelBuilder.Tag(100, 0), 0x05, .. ModelBuilder.LengthDelimited(101, [1, 2, 3]), .. ModelBuilder.Tag(102, 5), 1, 2, 3, 4];
        var tokenizer = SentencePieceTokenizer.FromBytes(withUnknown);
        Assert.Equal(SentencePieceModelType.Unigram, tokenizer.ModelType);
        Assert.Equal([3], tokenizer.EncodeToIds("a"));
    }

    [Fact]
    public void KnownFieldWithAnotherWireTypeIsSkipped()
    {
        // model_type written as a length-delimited field: protobuf treats it as unknown, so the default (UNIGRAM) stays.
        byte[] model = new ModelBuilder().Specials().Piece("\u2581a", -1).Trainer(4, 100).Build();
        byte[] trainer = [.. ModelBuilder.LengthDelimited(3, [1, 2])];
        byte[] patched = [.. model, .. ModelBuilder.LengthDelimited(2, trainer)];
        Assert.Equal(SentencePieceModelType.Unigram, SentencePieceTokenizer.FromBytes(patched).ModelType);
    }
}
