using System.Text;
using Tessera.Cli;
using Tessera.Cli.Input;

namespace Tessera.Tests.Cli;

/// <summary>The CLI's checking reader: whole UTF-8 sequences only, however the input arrives and however much is asked for.</summary>
public sealed class InputStreamTests
{
    /// <summary>A stream that hands out at most a few bytes per read.</summary>
    private sealed class TricklingStream(byte[] bytes, Random random) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, random.Next(1, 8)));

        public override int Read(Span<byte> buffer)
        {
            byte[] bytes = new byte[buffer.Length];
            int read = Read(bytes, 0, bytes.Length);
            bytes.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
    }

    /// <summary>Reads to the end in reads of random sizes from <paramref name="smallest"/> to 64 bytes.</summary>
    private static byte[] ReadAll(InputStream input, Random random, int smallest = 1)
    {
        var output = new List<byte>();
        var buffer = new byte[64];
        int read;
        do
        {
            // Sizes below and above the reader's small-read threshold.
            Span<byte> destination = buffer.AsSpan(0, random.Next(smallest, buffer.Length + 1));
            read = input.Read(destination);
            // Smaller reads may end inside a sequence (there may be no room for it), and the next read then starts inside it.
            if (smallest >= InputStream.MinRead)
                Assert.True(Encoding.UTF8.GetString(destination[..read]).IndexOf('\uFFFD') < 0, "a read ended inside a sequence");
            output.AddRange(destination[..read].ToArray());
        }
        while (read > 0);
        return [.. output];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WholeSequencesComeOutInOrder(int seed)
    {
        var random = new Random(seed);
        string[] pieces = ["a", "é", "日本", "😀", "\u0301", " ", "\n", "Ω", "𝔘"];
        string text = string.Concat(Enumerable.Range(0, 3000).Select(_ => pieces[random.Next(pieces.Length)]));
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        using (var input = new InputStream(new TricklingStream(bytes, random), "test"))
        {
            Assert.Equal(bytes, ReadAll(input, random, InputStream.MinRead));
            Assert.Equal(bytes.Length, input.BytesRead);
        }
        using (var input = new InputStream(new TricklingStream(bytes, random), "test"))
            Assert.Equal(bytes, ReadAll(input, random));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(1000)]
    [InlineData(2999)]
    public void AnInvalidByteIsNamedByItsOffset(int at)
    {
        var random = new Random(at);
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("añb", 1000)));
        int offset = Math.Min(at, bytes.Length - 1);
        while (offset > 0 && (bytes[offset] & 0xC0) == 0x80) offset--; // at the start of a sequence
        bytes[offset] = 0xFF;
        using var input = new InputStream(new TricklingStream(bytes, random), "test");
        var error = Assert.Throws<CliException>(() => ReadAll(input, random));
        Assert.Contains($"byte offset {offset}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASequenceCutByTheEndIsInvalid()
    {
        byte[] bytes = [(byte)'o', (byte)'k', 0xE6, 0x97]; // the first two bytes of a three-byte character
        using var input = new InputStream(new MemoryStream(bytes), "test");
        var error = Assert.Throws<CliException>(() => ReadAll(input, new Random(1)));
        Assert.Contains("byte offset 2", error.Message, StringComparison.Ordinal);
    }
}
