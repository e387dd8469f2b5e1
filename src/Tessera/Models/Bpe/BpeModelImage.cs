using System.Buffers.Binary;
using System.Text;
using Tessera.Internal;

namespace Tessera.Models.Bpe;

/// <summary>
/// The built tables of a BPE model read from a tokenizer.json, as a file, so that a later load maps them
/// (<see cref="MappedFile"/>) instead of reading the vocabulary and merges and building the tables again: the
/// vocabulary (its token strings and their table), the byte-level table when the model is byte-level, the merges as
/// ids and their table by pair. The file names the bytes it was built from (<see cref="Source"/>: the length and
/// checksum of the tokenizer.json from its vocabulary on), where the vocabulary and merges are in them
/// (<see cref="Spans"/>), so a load reads the rest of the file (the normalizer, pre-tokenizer, added tokens and the
/// model's options) and skips those two, and the <c>continuing_subword_prefix</c> the merges were resolved with.
/// </summary>
/// <remarks>
/// Layout, little-endian: a 4,096-byte header, then the sections, each from a 4 KB boundary: the vocabulary's
/// arena (its token strings), offsets and slots (<see cref="RankTable"/>); the same three of the byte-level table when
/// there is one; the merges (<see cref="MergeTriple"/>, by rank); the slots of their table (<see cref="MergeRanks"/>).
/// The header: <c>"TKBM"</c>, the format version, the library build that wrote the file (a file from another build
/// is never used: the tables' layout and hashes may differ), a checksum, then from byte 64 the numbers: the source,
/// the spans, the tables' sizes and the prefix. The checksum (<see cref="ImageChecksum"/>) covers the numbers and every section,
/// so a damaged file is never used; it guards against damage, not forgery (the cache folder must be one only its user
/// can write).
/// </remarks>
internal static unsafe class BpeModelImage
{
    private const int HeaderBytes = 4096;
    private const int FormatVersion = 1;
    private const int NumbersAt = 64, NumbersBytes = 256; // the numbers the checksum covers: a multiple of 32 bytes
    private const int PrefixAt = 96, MaxPrefixBytes = 128;  // in the numbers: the continuing_subword_prefix, its length at 88
    private static ReadOnlySpan<byte> Magic => "TKBM"u8;

    /// <summary>The bytes a model was read from (a tokenizer.json from its vocabulary on), told by their length and checksum.</summary>
    public readonly record struct Source(long Length, ulong Checksum)
    {
        public static Source Of(ReadOnlySpan<byte> json) => new(json.Length, ImageChecksum.Of(json));
    }

    /// <summary>
    /// Where the model's vocabulary object ends and its merges array starts and ends in the <see cref="Source"/> bytes
    /// (which start with the vocabulary).
    /// </summary>
    public readonly record struct Spans(int VocabularyEnd, int MergesStart, int MergesEnd);

    /// <summary>The tables an image holds, over its mapping (<see cref="File"/>, which they keep alive).</summary>
    public sealed class Contents(MappedFile file, Spans spans, string prefix, StringVocabulary vocabulary, MergeTriple* triples, int tripleCount,
        MergeRanks ranks)
    {
        public Spans Spans => spans;

        /// <summary>The <c>continuing_subword_prefix</c> the merges were resolved with ("" for none).</summary>
        public string ContinuingSubwordPrefix => prefix;

        public StringVocabulary Vocabulary => vocabulary;

        /// <summary>The model over these tables, with the options read from the file.</summary>
        public BpeModel Model(BpeOptions options) => new(vocabulary, triples, tripleCount, file, ranks, options);
    }

    /// <summary>
    /// Writes <paramref name="model"/>'s tables, read from <paramref name="source"/> where <paramref name="spans"/> say:
    /// its merge table is built first when it is not (<see cref="BpeModel.Merges"/>), and its byte-level table when it
    /// was asked for (it is then awaited).
    /// </summary>
    public static void Write(Stream output, BpeModel model, Source source, Spans spans, Guid build)
    {
        StringVocabulary strings = model.Strings;
        RankTable vocabulary = strings.Table;
        bool byteLevelKnown = strings.ByteLevelTableWanted;
        RankTable? byteLevel = byteLevelKnown ? strings.ByteLevelTable : null;
        MergeRanks ranks = model.Merges;

        byte[] header = new byte[HeaderBytes];
        Span<byte> n = header.AsSpan(NumbersAt, NumbersBytes);
        BinaryPrimitives.WriteInt64LittleEndian(n, source.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(n[8..], source.Checksum);
        BinaryPrimitives.WriteInt32LittleEndian(n[16..], spans.VocabularyEnd);
        BinaryPrimitives.WriteInt32LittleEndian(n[20..], spans.MergesStart);
        BinaryPrimitives.WriteInt32LittleEndian(n[24..], spans.MergesEnd);
        WriteTable(n[32..], vocabulary);
        BinaryPrimitives.WriteInt32LittleEndian(n[52..], strings.Count);
        BinaryPrimitives.WriteInt32LittleEndian(n[56..], !byteLevelKnown ? 0 : byteLevel is null ? 1 : 2);
        if (byteLevel is not null)
            WriteTable(n[60..], byteLevel);
        BinaryPrimitives.WriteInt32LittleEndian(n[80..], model.Triples.Length);
        BinaryPrimitives.WriteInt32LittleEndian(n[84..], ranks.Size);
        byte[] prefix = Encoding.UTF8.GetBytes(model.Options.ContinuingSubwordPrefix ?? "");
        if (prefix.Length > MaxPrefixBytes)
            throw new ArgumentException($"a continuing_subword_prefix of {prefix.Length} bytes; an image holds up to {MaxPrefixBytes}", nameof(model));
        BinaryPrimitives.WriteInt32LittleEndian(n[88..], prefix.Length);
        prefix.CopyTo(n[PrefixAt..]);

        List<(IntPtr Start, int Length)> sections = [.. Sections(vocabulary), .. byteLevel is null ? [] : Sections(byteLevel)];
        fixed (MergeTriple* triples = model.Triples)
        {
            sections.Add(((IntPtr)triples, model.Triples.Length * sizeof(MergeTriple)));
            ReadOnlySpan<byte> rankSlots = ranks.SlotsMemory;
            fixed (byte* slots = rankSlots)
            {
                sections.Add(((IntPtr)slots, rankSlots.Length));
                var checksum = new ImageChecksum();
                checksum.Add(n);
                foreach ((IntPtr start, int length) in sections)
                    AddPadded(ref checksum, new ReadOnlySpan<byte>((void*)start, length));
                Magic.CopyTo(header);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), FormatVersion);
                build.TryWriteBytes(header.AsSpan(8, 16));
                BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), checksum.Value);
                output.Write(header);
                foreach ((IntPtr start, int length) in sections)
                {
                    output.Write(new ReadOnlySpan<byte>((void*)start, length));
                    output.Write(Zeros.AsSpan(0, Padding(length)));
                }
            }
        }
        GC.KeepAlive(model);
    }

    /// <summary>
    /// The tables in <paramref name="file"/> when it was written by <paramref name="build"/> from <paramref name="expected"/>
    /// and is whole; else null. The tables keep the mapping alive.
    /// </summary>
    public static Contents? Read(MappedFile file, Source expected, Guid build)
    {
        if (file.Length < HeaderBytes)
            return null;
        var h = new ReadOnlySpan<byte>(file.Pointer, HeaderBytes);
        ReadOnlySpan<byte> n = h.Slice(NumbersAt, NumbersBytes);
        if (!h[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(h[4..]) != FormatVersion || new Guid(h[8..24]) != build
            || BinaryPrimitives.ReadInt64LittleEndian(n) != expected.Length || BinaryPrimitives.ReadUInt64LittleEndian(n[8..]) != expected.Checksum)
            return null;
        var spans = new Spans(BinaryPrimitives.ReadInt32LittleEndian(n[16..]), BinaryPrimitives.ReadInt32LittleEndian(n[20..]),
            BinaryPrimitives.ReadInt32LittleEndian(n[24..]));
        int byteLevelState = BinaryPrimitives.ReadInt32LittleEndian(n[56..]);
        int tripleCount = BinaryPrimitives.ReadInt32LittleEndian(n[80..]), rankSize = BinaryPrimitives.ReadInt32LittleEndian(n[84..]);
        int prefixBytes = BinaryPrimitives.ReadInt32LittleEndian(n[88..]);
        TableSize byteLevelSize = default;
        if (!InOrder(spans, expected.Length) || prefixBytes is < 0 or > MaxPrefixBytes || byteLevelState is < 0 or > 2 || tripleCount < 0 || rankSize <= 0 || (rankSize & (rankSize - 1)) != 0
            || !TryMeasure(n[32..], out TableSize vocabularySize) || (byteLevelState == 2 && !TryMeasure(n[60..], out byteLevelSize)))
            return null;
        long tripleBytes = (long)tripleCount * sizeof(MergeTriple), rankBytes = (long)rankSize * 16;
        long end = HeaderBytes + vocabularySize.Bytes + (byteLevelState == 2 ? byteLevelSize.Bytes : 0) + Aligned(tripleBytes) + Aligned(rankBytes);
        if (file.Length != end)
            return null;
        var checksum = new ImageChecksum();
        checksum.Add(n);
        checksum.Add(new ReadOnlySpan<byte>(file.Pointer + HeaderBytes, checked((int)(file.Length - HeaderBytes))));
        if (checksum.Value != BinaryPrimitives.ReadUInt64LittleEndian(h[24..]))
            return null;

        byte* at = file.Pointer + HeaderBytes;
        RankTable vocabulary = vocabularySize.TableAt(ref at, file);
        RankTable? byteLevel = byteLevelState == 2 ? byteLevelSize.TableAt(ref at, file) : null;
        var triples = (MergeTriple*)at;
        at += Aligned(tripleBytes);
        var ranks = new MergeRanks(at, rankSize, file);
        var strings = StringVocabulary.Over(vocabulary, BinaryPrimitives.ReadInt32LittleEndian(n[52..]), byteLevelState != 0, byteLevel);
        string prefix = Encoding.UTF8.GetString(n.Slice(PrefixAt, prefixBytes));
        return new Contents(file, spans, prefix, strings, triples, tripleCount, ranks);
    }

    private static bool InOrder(Spans spans, long length) =>
        spans.VocabularyEnd > 0 && spans.MergesStart >= spans.VocabularyEnd && spans.MergesEnd > spans.MergesStart && spans.MergesEnd <= length;

    /// <summary>The sizes of a <see cref="RankTable"/> in an image, and the bytes of its three sections.</summary>
    private readonly record struct TableSize(int Tokens, int Count, int Bits, int ArenaBytes, bool HasDuplicateKeys)
    {
        public long Bytes => Aligned(ArenaBytes) + Aligned((long)RankTable.OffsetsBytes(Tokens)) + Aligned((long)RankTable.SlotsBytes(Bits));

        /// <summary>The table whose sections start at <paramref name="at"/>, which is moved past them.</summary>
        public RankTable TableAt(ref byte* at, MappedFile file)
        {
            byte* arena = at, offsets = arena + Aligned(ArenaBytes), slots = offsets + Aligned((long)RankTable.OffsetsBytes(Tokens));
            at = slots + Aligned((long)RankTable.SlotsBytes(Bits));
            return new RankTable(arena, file, Tokens, Count, Bits, offsets, slots, file, (long)RankTable.OffsetsBytes(Tokens) + (long)RankTable.SlotsBytes(Bits),
                HasDuplicateKeys);
        }
    }

    private static void WriteTable(Span<byte> numbers, RankTable table)
    {
        BinaryPrimitives.WriteInt32LittleEndian(numbers, table.MaxRank + 1);
        BinaryPrimitives.WriteInt32LittleEndian(numbers[4..], table.Count);
        BinaryPrimitives.WriteInt32LittleEndian(numbers[8..], table.Bits);
        BinaryPrimitives.WriteInt32LittleEndian(numbers[12..], table.ArenaBytes);
        BinaryPrimitives.WriteInt32LittleEndian(numbers[16..], table.HasDuplicateKeys ? 1 : 0);
    }

    private static bool TryMeasure(ReadOnlySpan<byte> numbers, out TableSize size)
    {
        size = new TableSize(BinaryPrimitives.ReadInt32LittleEndian(numbers), BinaryPrimitives.ReadInt32LittleEndian(numbers[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(numbers[8..]), BinaryPrimitives.ReadInt32LittleEndian(numbers[12..]),
            BinaryPrimitives.ReadInt32LittleEndian(numbers[16..]) != 0);
        return size.Tokens > 0 && size.Count >= 0 && size.Count <= size.Tokens && size.Bits is >= 4 and <= 30 && size.ArenaBytes >= 0;
    }

    /// <summary>A table's three sections: its token strings, its offsets and direct ranks, its slots.</summary>
    private static (IntPtr, int)[] Sections(RankTable table)
    {
        fixed (byte* offsets = table.OffsetsMemory)
        fixed (byte* slots = table.SlotsMemory)
            return [((IntPtr)table.Arena, table.ArenaBytes), ((IntPtr)offsets, table.OffsetsMemory.Length), ((IntPtr)slots, table.SlotsMemory.Length)];
    }

    private static readonly byte[] Zeros = new byte[HeaderBytes];

    /// <summary>
    /// Adds a section and its padding to <paramref name="checksum"/> as the reader sees them, one after the other: in
    /// parts of whole 32-byte blocks (<see cref="ImageChecksum"/>), the section's last bytes with the padding.
    /// </summary>
    private static void AddPadded(ref ImageChecksum checksum, ReadOnlySpan<byte> section)
    {
        int whole = section.Length & ~31;
        checksum.Add(section[..whole]);
        Span<byte> rest = stackalloc byte[32 + HeaderBytes];
        rest.Clear();
        section[whole..].CopyTo(rest);
        checksum.Add(rest[..(section.Length - whole + Padding(section.Length))]);
    }

    private static int Padding(long bytes) => (int)(-bytes & (HeaderBytes - 1));

    private static long Aligned(long bytes) => bytes + Padding(bytes);
}
