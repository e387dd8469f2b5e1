using System.Text;
using Tessera.Formats.Tiktoken;
using Tessera.Internal;
using Tessera.Models.Bpe;

namespace Tessera.Tests.Models;

/// <summary>
/// Built vocabulary tables kept on disk: a table mapped from its file answers every lookup as the table built from
/// the embedded encoding does; a damaged, truncated or foreign file is never used.
/// </summary>
public sealed unsafe class TableCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tessera-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static byte[] Compact(TiktokenDefinition definition) => BuiltInTables.Compact(definition);

    private RankTable Table(TiktokenDefinition definition, byte[] data)
    {
        fixed (byte* pointer = data)
            return TiktokenTokenizer.BuiltInTable(definition, pointer, data.Length, data, _folder);
    }

    private string CacheFile(string name) => Assert.Single(Directory.GetFiles(_folder, name + "-*.table"));

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    [InlineData("p50k_base")]
    [InlineData("r50k_base")]
    public void AMappedTableAnswersAsTheBuiltOne(string name)
    {
        TiktokenDefinition definition = TiktokenDefinition.Find(name)!;
        byte[] data = Compact(definition);
        RankTable built = Table(definition, data);
        Assert.False(built.IsMapped);
        CacheFile(name); // written by the first load
        RankTable mapped = Table(definition, data);
        Assert.True(mapped.IsMapped);

        Assert.Equal(built.MaxRank, mapped.MaxRank);
        Assert.Equal(built.Count, mapped.Count);
        for (int rank = 0; rank <= built.MaxRank; rank++)
        {
            ReadOnlySpan<byte> token = built.BytesOf(rank);
            Assert.True(token.SequenceEqual(mapped.BytesOf(rank)));
            if (!token.IsEmpty)
                Assert.Equal(rank, mapped.RankOf(token));
        }
        for (int pair = 0; pair < 65536; pair++)
            Assert.Equal(built.RankOfPair((byte)(pair >> 8), (byte)pair), mapped.RankOfPair((byte)(pair >> 8), (byte)pair));
        var random = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] candidate = Encoding.UTF8.GetBytes(" " + new string([.. Enumerable.Range(0, random.Next(2, 12)).Select(_ => (char)('a' + random.Next(26)))]));
            Assert.Equal(built.RankOf(candidate), mapped.RankOf(candidate));
        }
    }

    [Fact]
    public void ATokenizerOverAMappedTableEncodesAsTiktoken()
    {
        TiktokenDefinition definition = TiktokenDefinition.Find("o200k_base")!;
        byte[] data = Compact(definition);
        _ = Table(definition, data);
        RankTable mapped = Table(definition, data);
        Assert.True(mapped.IsMapped);
        TiktokenTokenizer tokenizer = TiktokenTokenizer.Over(definition, mapped);
        foreach (string input in Conformance.GoldenFiles.InputNames())
            Conformance.GoldenFiles.AssertEncodesLikeTiktoken(tokenizer, "o200k_base", input, "mapped table");
    }

    [Fact]
    public void APairTableIsKeptOnceBuiltThenMappedWithTheTable()
    {
        TiktokenDefinition definition = TiktokenDefinition.Find("r50k_base")!;
        byte[] data = Compact(definition);
        RankTable built = Table(definition, data);
        Assert.Null(built.Pairs);
        built.BuildPairsNow(); // writes the file again, with the pair table
        RankTable mapped = Table(definition, data);
        Assert.True(mapped.IsMapped);
        Assert.NotNull(mapped.Pairs);
        var random = new Random(3);
        int merged = 0;
        for (int i = 0; i < 100_000; i++)
        {
            int left = random.Next(3000), right = random.Next(i % 2 == 0 ? 3000 : built.MaxRank + 1);
            int joined = built.Pairs!.Merged(left, right);
            Assert.Equal(joined, mapped.Pairs!.Merged(left, right));
            if (joined >= 0) merged++;
        }
        Assert.True(merged > 100);

        string file = CacheFile("r50k_base");
        byte[] bytes = File.ReadAllBytes(file);
        bytes[^100] ^= 0x40; // in the pair table
        File.WriteAllBytes(file, bytes);
        Assert.False(Table(definition, data).IsMapped);
    }

    [Theory]
    [InlineData(4100)] // in the offsets
    [InlineData(-100)] // in the slots (from the end)
    [InlineData(37)]   // in the header: the number of ranks
    [InlineData(50)]   // in the header: the checksum
    public void ADamagedFileIsNotUsedAndIsWrittenAgain(int at)
    {
        TiktokenDefinition definition = TiktokenDefinition.Find("r50k_base")!;
        byte[] data = Compact(definition);
        RankTable built = Table(definition, data);
        string file = CacheFile("r50k_base");
        byte[] bytes = File.ReadAllBytes(file);
        int index = at >= 0 ? at : bytes.Length + at;
        bytes[index] ^= 0x40;
        File.WriteAllBytes(file, bytes);

        RankTable again = Table(definition, data);
        Assert.False(again.IsMapped);
        Assert.NotEqual(bytes, File.ReadAllBytes(CacheFile("r50k_base"))); // rebuilt and written again
        Assert.True(Table(definition, data).IsMapped);
        for (int rank = 0; rank <= built.MaxRank; rank += 7)
            Assert.Equal(built.RankOf(built.BytesOf(rank)), again.RankOf(built.BytesOf(rank)));
    }

    [Fact]
    public void ATruncatedFileIsNotUsed()
    {
        TiktokenDefinition definition = TiktokenDefinition.Find("r50k_base")!;
        byte[] data = Compact(definition);
        _ = Table(definition, data);
        string file = CacheFile("r50k_base");
        using (var stream = new FileStream(file, FileMode.Open))
            stream.SetLength(stream.Length - 4096);
        Assert.False(Table(definition, data).IsMapped);
        Assert.True(Table(definition, data).IsMapped); // written whole again
    }

    [Fact]
    public void AFileOfAnotherBuildOrSourceIsNotUsed()
    {
        TiktokenDefinition definition = TiktokenDefinition.Find("r50k_base")!;
        byte[] data = Compact(definition);
        _ = Table(definition, data);
        using MappedFile file = MappedFile.TryOpen(CacheFile("r50k_base"))!;
        fixed (byte* pointer = data)
        {
            Assert.NotNull(RankTableImage.Read(file, new RankTableImage.Source(TableCache.Build, data.Length), pointer, data));
            Assert.Null(RankTableImage.Read(file, new RankTableImage.Source(Guid.NewGuid(), data.Length), pointer, data));
            Assert.Null(RankTableImage.Read(file, new RankTableImage.Source(TableCache.Build, data.Length + 1), pointer, data));
        }
    }

    /// <summary>Tables of the same encoding no process has read for a week, and temporary files of it left for an hour by a process that ended while writing.</summary>
    [Fact]
    public void WritingATableRemovesOnlyStaleFilesOfTheSameEncoding()
    {
        Directory.CreateDirectory(_folder);
        string unread = Path.Combine(_folder, "r50k_base-00000000000000000000000000000001.table");
        string recent = Path.Combine(_folder, "r50k_base-00000000000000000000000000000002.table");
        string otherEncoding = Path.Combine(_folder, "p50k_base-00000000000000000000000000000003.table");
        string abandoned = Path.Combine(_folder, ".r50k_base-0000000000000000000000000000000a.tmp");
        string beingWritten = Path.Combine(_folder, ".r50k_base-0000000000000000000000000000000b.tmp");
        string otherAbandoned = Path.Combine(_folder, ".p50k_base-0000000000000000000000000000000c.tmp");
        foreach (string file in new[] { unread, recent, otherEncoding, abandoned, beingWritten, otherAbandoned })
            File.WriteAllText(file, "a table of another build, or half of one");
        foreach (string file in new[] { unread, otherEncoding })
            File.SetLastAccessTimeUtc(file, DateTime.UtcNow - TimeSpan.FromDays(8));
        foreach (string file in new[] { abandoned, otherAbandoned })
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - TimeSpan.FromHours(2));

        TiktokenDefinition definition = TiktokenDefinition.Find("r50k_base")!;
        _ = Table(definition, Compact(definition));

        foreach (string removed in new[] { unread, abandoned })
            Assert.False(File.Exists(removed), removed);
        foreach (string kept in new[] { recent, otherEncoding, beingWritten, otherAbandoned })
            Assert.True(File.Exists(kept), kept);
        Assert.Equal(2, Directory.GetFiles(_folder, "r50k_base-*.table").Length);
    }

    [Fact]
    public void AnUnwritableFolderOnlyCostsTheCache()
    {
        TiktokenDefinition definition = TiktokenDefinition.Find("r50k_base")!;
        byte[] data = Compact(definition);
        File.WriteAllText(_folder, "a file where the folder should be");
        try
        {
            RankTable table;
            fixed (byte* pointer = data)
                table = TiktokenTokenizer.BuiltInTable(definition, pointer, data.Length, data, _folder);
            Assert.False(table.IsMapped);
            Assert.Equal(0, table.RankOf("!"u8));
        }
        finally
        {
            File.Delete(_folder);
        }
    }
}
