using System.Buffers;
using Tessera.Cli.Input;
using Tessera.Cli.Output;
using Tessera.Internal;

namespace Tessera.Cli.Commands;

/// <summary>
/// Per-line encoding at full speed: each batch of lines is cut into groups of about equal bytes, a few per thread,
/// which a fixed set of threads (see <see cref="WorkerGang"/>) take as they become free; a worker encodes a group's
/// lines into a reused id buffer and formats them into the group's byte buffer; the groups are written in order.
/// </summary>
internal sealed class PerLinePipeline(TiktokenTokenizer tokenizer, SpecialTokenPolicy policy, int threads)
{
    /// <summary>Writes one line per input line: the ids (<paramref name="countOnly"/>: their number).</summary>
    /// <remarks>
    /// Three stages overlap: the next batch is read (<see cref="LineReader"/> reads ahead) and the previous
    /// batch's output is written while this batch is encoded. Two sets of output buffers are used in turn.
    /// </remarks>
    public void Run(Stream input, Stream output, bool countOnly)
    {
        int groupsPerBatch = threads == 1 ? 1 : threads * 4;
        ByteBuffer[][] outputSets = [NewBuffers(groupsPerBatch), NewBuffers(groupsPerBatch)];
        var bounds = new int[groupsPerBatch + 1];
        using var gang = new WorkerGang(threads);
        Task writing = Task.CompletedTask;
        int turn = 0;
        try
        {
            foreach (List<ReadOnlyMemory<byte>> lines in LineReader.Batches(input))
            {
                int groups = Split(lines, bounds);
                ByteBuffer[] buffers = outputSets[turn];
                gang.Run(groups, group => EncodeGroup(lines, bounds[group], bounds[group + 1], buffers[group], countOnly));
                writing.GetAwaiter().GetResult(); // the other set is free again
                writing = Task.Run(() =>
                {
                    for (int group = 0; group < groups; group++)
                        output.Write(buffers[group].Span);
                });
                turn ^= 1;
            }
        }
        finally
        {
            writing.GetAwaiter().GetResult();
        }
    }

    private static ByteBuffer[] NewBuffers(int count)
    {
        var buffers = new ByteBuffer[count];
        for (int i = 0; i < count; i++) buffers[i] = new ByteBuffer();
        return buffers;
    }

    /// <summary>Encodes lines [<paramref name="first"/>, <paramref name="last"/>) into <paramref name="buffer"/>, one output line each.</summary>
    private void EncodeGroup(List<ReadOnlyMemory<byte>> lines, int first, int last, ByteBuffer buffer, bool countOnly)
    {
        buffer.Clear();
        // Ids of prose take about 1.5 output bytes per input byte. Reserve four times the input at once: a page of the
        // buffer costs only when first written, while growing it copies (each line asks for room for its worst case).
        long bytes = 0;
        for (int i = first; i < last; i++) bytes += lines[i].Length + 1;
        buffer.Reserve((int)Math.Min(4 * bytes + 64, Array.MaxLength / 2));
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
    }

    /// <summary>Cuts the lines into at most <c>bounds.Length - 1</c> runs of about equal bytes; returns how many.</summary>
    private static int Split(List<ReadOnlyMemory<byte>> lines, int[] bounds)
    {
        long total = 0;
        foreach (ReadOnlyMemory<byte> line in lines) total += line.Length + 1;
        int groups = Math.Min(bounds.Length - 1, lines.Count);
        long share = Math.Max(1, total / groups), bytes = 0;
        int group = 0;
        bounds[0] = 0;
        for (int i = 0; i < lines.Count && group < groups - 1; i++)
        {
            bytes += lines[i].Length + 1;
            if (bytes >= share * (group + 1))
                bounds[++group] = i + 1;
        }
        bounds[++group] = lines.Count;
        return group;
    }
}
