using System.Text;
using Tessera.Cli.Input;

namespace Tessera.Tests.Cli;

/// <summary>The per-line reader: lines in batches from two buffers in turn, read one batch ahead.</summary>
public sealed class LineReaderTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(100)]
    [InlineData(1 << 20)]
    public void BatchesHoldEveryLineOnce(int batchBytes)
    {
        var random = new Random(7);
        var lines = new List<string>();
        for (int i = 0; i < 500; i++)
            lines.Add(i % 50 == 0 ? new string('x', random.Next(200, 400)) : i % 7 == 0 ? "" : $"line {i} é\r");
        string text = string.Join("\n", lines); // the last line has no line feed
        var seen = new List<string>();
        var lastFlags = new List<bool>();
        foreach (LineBatch batch in LineReader.Batches(new MemoryStream(Encoding.UTF8.GetBytes(text)), batchBytes))
        {
            seen.AddRange(batch.Select(line => Encoding.UTF8.GetString(line.Span)));
            lastFlags.Add(batch.IsLast);
        }
        Assert.Equal(lines, seen);
        Assert.Equal([.. Enumerable.Repeat(false, lastFlags.Count - 1), true], lastFlags); // only the batch the stream ends with is the last
    }
}
