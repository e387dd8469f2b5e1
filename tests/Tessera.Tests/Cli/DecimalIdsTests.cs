using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tessera.Cli.Output;

namespace Tessera.Tests.Cli;

/// <summary>The CLI's id formatter writes exactly what <c>int.ToString</c> would, space-separated.</summary>
public sealed class DecimalIdsTests
{
    private static string Format(int[] ids)
    {
        var buffer = new byte[ids.Length * DecimalIds.MaxBytesPerId + DecimalIds.Slack];
        return Encoding.ASCII.GetString(buffer, 0, DecimalIds.Write(buffer, ids));
    }

    [Fact]
    public void BoundariesFormatAsToString()
    {
        int[] ids = [0, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 100000, 100007, 199999, 200018, 999999, 1000000, 1234567, int.MaxValue];
        Assert.Equal(string.Join(' ', ids), Format(ids));
        Assert.Equal("", Format([]));
        Assert.Equal("7", Format([7]));
    }

    [Fact]
    public void RandomIdsFormatAsToString() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(i => i % 3 == 0 ? i : i % 300_000).ArrayOf().ToArbitrary(),
                ids => Format(ids) == string.Join(' ', ids))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithQuietOnSuccess(true));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(16_384, false)]
    [InlineData(16_385, true)]
    [InlineData(50_000, true)]
    public void OutputWriterWritesManyIdsInPiecesAsOneList(int count, bool leadingSpace)
    {
        int[] ids = [.. Enumerable.Range(0, count).Select(i => i * 7919 % 200_000)];
        var stream = new MemoryStream();
        using (var writer = new OutputWriter(stream))
            writer.WriteIds(ids, leadingSpace);
        string expected = (leadingSpace && count > 0 ? " " : "") + string.Join(' ', ids);
        Assert.Equal(expected, Encoding.ASCII.GetString(stream.ToArray()));
    }
}
