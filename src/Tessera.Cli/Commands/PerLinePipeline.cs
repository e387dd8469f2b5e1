using System.Buffers;
using Tessera.Cli.Input;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary>
/// Per-line encoding at full speed: each batch of lines is cut into one group per thread; a worker encodes its
/// lines into a reused id buffer and formats them into its own byte buffer; the groups are written in order.
/// </summary>
internal sealed class PerLinePipeline(TiktokenTokenizer tokenizer, SpecialTokenPolicy policy, int threads)
{
    /// <summary>Writes one line per input line: the ids (<paramref name="countOnly"/>: their number).</summary>
    public void Run(Stream input, Stream output, bool countOnly)
    {
        var buffers = new ByteBuffer[threads];
        for (int t = 0; t < threads; t++) buffers[t] = new ByteBuffer();
        foreach (List<ReadOnlyMemory<byte>> lines in LineReader.Batches(input))
        {
            int groups = Math.Min(threads, lines.Count);
            Parallel.For(0, groups, new ParallelOptions { MaxDegreeOfParallelism = threads }, group =>
            {
                ByteBuffer buffer = buffers[group];
                buffer.Clear();
                int first = (int)((long)lines.Count * group / groups), last = (int)((long)lines.Count * (group + 1) / groups);
                int[] ids = ArrayPool<int>.Shared.Rent(1024);
                try
                {
                    for (int i = first; i < last; i++)
                    {
                        ReadOnlySpan<byte> line = lines[i].Span;
                        if (ids.Length < line.Length)
                        {
                            ArrayPool<int>.Shared.Return(ids);
                            ids = ArrayPool<int>.Shared.Rent(line.Length);
                        }
                        // A line of n bytes has at most n tokens, so the buffer is always large enough.
                        tokenizer.EncodeUtf8(line, ids, out int written, policy);
                        if (countOnly) buffer.WriteDecimal(written);
                        else buffer.WriteIds(ids.AsSpan(0, written));
                        buffer.WriteByte((byte)'\n');
                    }
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(ids);
                }
            });
            for (int group = 0; group < groups; group++)
                output.Write(buffers[group].Span);
        }
    }
}
