using Tessera.Cli.Input;
using Tessera.Cli.Output;
using Tessera.Internal;

namespace Tessera.Cli.Commands;

/// <summary>
/// Per-line encoding at full speed: each batch of lines is cut into groups of about equal bytes, a few per thread,
/// queued on a fixed set of threads (see <see cref="WorkQueue"/>) as soon as the batch is read; a thread encodes a
/// group's lines into the group's reused id buffer (<see cref="EncodedLines"/>); a writer formats the batches in order.
/// </summary>
internal sealed class PerLinePipeline(TiktokenTokenizer tokenizer, SpecialTokenPolicy policy, int threads)
{
    /// <summary>Output is written in pieces of about this size.</summary>
    private const int WriteBytes = 1 << 16;

    /// <summary>Bytes per batch: the three turns' read buffers share one 2 MB huge page (see <see cref="TurnBuffers"/>).</summary>
    private const int BatchBytes = 640 << 10;

    /// <summary>Batches at once: one being written, one encoding (the next queued behind it), one being read; the read buffers, line lists and id buffers go round in as many turns.</summary>
    private const int Turns = 3;

    /// <summary>Writes one line per input line: the ids (<paramref name="countOnly"/>: their number).</summary>
    /// <remarks>
    /// The stages overlap: while batch k is formatted and written, batch k + 1 encodes with the groups of batch k + 2
    /// queued behind it (so no thread waits at a batch's end), and the batch after is read.
    /// </remarks>
    public void Run(Stream input, Stream output, bool countOnly)
    {
        int groupsPerBatch = threads == 1 ? 1 : threads * 4;
        var sets = new EncodedBatch[Turns];
        for (int i = 0; i < Turns; i++)
            sets[i] = new EncodedBatch(groupsPerBatch, BatchBytes);
        var text = new ByteBuffer(WriteBytes + (WriteBytes >> 2));
        var inFlight = new Queue<(WorkQueue.Pending Work, EncodedBatch Set)>(Turns);
        Task writing = Task.CompletedTask;
        int turn = 0;
        // The queue, made at the first batch that needs it, is disposed first (below): it runs what is queued to the
        // end; then the reader frees the read buffers.
        using CutBlocks.Reader reader = CutBlocks.Open(input, BatchBytes, LineReader.AfterLastLineFeed, Turns);
        WorkQueue? queue = null;
        bool first = true;
        try
        {
            foreach (LineBatch lines in LineReader.Batches(reader.Blocks, Turns))
            {
                EncodedBatch set = sets[turn];
                bool alone = first && lines.IsLast;
                int groups = set.Prepare(lines, alone);
                if (alone)
                {
                    // The whole input is one short batch: encoded and written here, without starting a thread.
                    for (int g = 0; g < groups; g++)
                        EncodeGroup(lines, set.FirstLine(g), set.FirstLine(g + 1), set[g]);
                    Write(set, text, output, countOnly);
                    break;
                }
                first = false;
                turn = (turn + 1) % Turns;
                queue ??= new WorkQueue(threads);
                inFlight.Enqueue((queue.Queue(groups, g => EncodeGroup(lines, set.FirstLine(g), set.FirstLine(g + 1), set[g])), set));
                if (inFlight.Count > 1)
                    writing = HandOver(inFlight, writing, text, output, countOnly);
            }
            while (inFlight.Count > 0)
                writing = HandOver(inFlight, writing, text, output, countOnly);
            writing.GetAwaiter().GetResult();
        }
        finally
        {
            // Unwinding early: queued groups still read their lines and write their id buffers.
            foreach ((WorkQueue.Pending work, _) in inFlight)
                work.WaitQuietly();
            ((IAsyncResult)writing).AsyncWaitHandle.WaitOne();
            queue?.Dispose();
            foreach (EncodedBatch set in sets)
                set.Dispose();
        }
    }

    /// <summary>Waits for the oldest batch (rethrowing its failure) and for the writer to finish the batch before, then writes it.</summary>
    private static Task HandOver(Queue<(WorkQueue.Pending Work, EncodedBatch Set)> inFlight, Task writing, ByteBuffer text, Stream output, bool countOnly)
    {
        (WorkQueue.Pending work, EncodedBatch set) = inFlight.Peek();
        work.Wait();
        inFlight.Dequeue();
        writing.GetAwaiter().GetResult();
        return Task.Run(() => Write(set, text, output, countOnly));
    }

    /// <summary>Encodes lines [<paramref name="first"/>, <paramref name="last"/>) into <paramref name="encoded"/> (prepared for them).</summary>
    private void EncodeGroup(LineBatch lines, int first, int last, EncodedLines encoded) =>
        encoded.Encode(tokenizer, policy, lines, first, last);

    /// <summary>Formats the groups' lines, one output line each, and writes them.</summary>
    private static void Write(EncodedBatch batch, ByteBuffer text, Stream output, bool countOnly)
    {
        for (int g = 0; g < batch.Groups; g++)
        {
            EncodedLines encoded = batch[g];
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
}
