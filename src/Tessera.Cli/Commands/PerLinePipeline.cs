using Tessera.Cli.Input;
using Tessera.Cli.Output;
using Tessera.Internal;

namespace Tessera.Cli.Commands;

/// <summary>
/// Per-line encoding at full speed: each batch of lines is cut into groups of about equal bytes, a few per thread,
/// which a fixed set of threads (see <see cref="WorkerGang"/>) take as they become free; a worker encodes a group's
/// lines into the group's reused id buffer (<see cref="EncodedLines"/>); a writer formats the groups in order.
/// </summary>
internal sealed class PerLinePipeline(TiktokenTokenizer tokenizer, SpecialTokenPolicy policy, int threads)
{
    /// <summary>Output is written in pieces of about this size.</summary>
    private const int WriteBytes = 1 << 18;

    /// <summary>Writes one line per input line: the ids (<paramref name="countOnly"/>: their number).</summary>
    /// <remarks>
    /// Three stages overlap: the next batch is read (<see cref="LineReader"/> reads ahead) and the previous
    /// batch's ids are formatted and written while this batch is encoded. Two sets of id buffers are used in turn.
    /// </remarks>
    public void Run(Stream input, Stream output, bool countOnly)
    {
        int groupsPerBatch = threads == 1 ? 1 : threads * 4;
        EncodedLines[][] sets = [NewSet(groupsPerBatch), NewSet(groupsPerBatch)];
        var bounds = new int[groupsPerBatch + 1];
        var text = new ByteBuffer(WriteBytes + (WriteBytes >> 2));
        using var gang = new WorkerGang(threads);
        Task writing = Task.CompletedTask;
        int turn = 0;
        try
        {
            foreach (List<ReadOnlyMemory<byte>> lines in LineReader.Batches(input))
            {
                int groups = Split(lines, bounds);
                EncodedLines[] set = sets[turn];
                gang.Run(groups, group => EncodeGroup(lines, bounds[group], bounds[group + 1], set[group]));
                writing.GetAwaiter().GetResult(); // the other set is free again
                writing = Task.Run(() => Write(set.AsSpan(0, groups), text, output, countOnly));
                turn ^= 1;
            }
        }
        finally
        {
            writing.GetAwaiter().GetResult();
            foreach (EncodedLines[] set in sets)
                foreach (EncodedLines encoded in set)
                    encoded.Dispose();
        }
    }

    private static EncodedLines[] NewSet(int count)
    {
        var set = new EncodedLines[count];
        for (int i = 0; i < count; i++) set[i] = new EncodedLines();
        return set;
    }

    /// <summary>Encodes lines [<paramref name="first"/>, <paramref name="last"/>) into <paramref name="encoded"/>.</summary>
    private void EncodeGroup(List<ReadOnlyMemory<byte>> lines, int first, int last, EncodedLines encoded)
    {
        long bytes = 0;
        for (int i = first; i < last; i++) bytes += lines[i].Length;
        encoded.Reset(last - first, bytes);
        for (int i = first; i < last; i++)
        {
            tokenizer.EncodeUtf8(lines[i].Span, encoded.Free, out int written, policy);
            encoded.EndLine(written);
        }
    }

    /// <summary>Formats the groups' lines, one output line each, and writes them.</summary>
    private static void Write(ReadOnlySpan<EncodedLines> groups, ByteBuffer text, Stream output, bool countOnly)
    {
        foreach (EncodedLines encoded in groups)
        {
            ReadOnlySpan<int> ids = encoded.All;
            int at = 0;
            foreach (int count in encoded.Counts)
            {
                if (countOnly) text.WriteDecimal(count);
                else text.WriteIds(ids.Slice(at, count));
                text.WriteByte((byte)'\n');
                at += count;
                if (text.Length >= WriteBytes)
                {
                    output.Write(text.Span);
                    text.Clear();
                }
            }
        }
        output.Write(text.Span);
        text.Clear();
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
