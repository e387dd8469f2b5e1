namespace Tessera.Cli.Input;

/// <summary>
/// Splits a stream into lines, each a document: the <c>\n</c> is not part of it, a <c>\r</c> before it is. A last
/// line without <c>\n</c> is a document too. Lines come in batches of about <paramref name="batchBytes"/>.
/// </summary>
/// <remarks>
/// Batches point into two buffers used in turn (fresh memory is costly), so a caller may hold one batch while the
/// next is read (see <c>ReadAhead</c>), but must be done with a batch before asking for the one after next.
/// </remarks>
internal static class LineReader
{
    public static IEnumerable<List<ReadOnlyMemory<byte>>> Batches(Stream stream, int batchBytes = 1 << 20)
    {
        byte[][] buffers = [GC.AllocateUninitializedArray<byte>(batchBytes), GC.AllocateUninitializedArray<byte>(batchBytes)];
        List<ReadOnlyMemory<byte>>[] batches = [[], []];
        int turn = 0, filled = 0;
        while (true)
        {
            byte[] buffer = buffers[turn];
            int read = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            filled += read;
            bool atEnd = filled < buffer.Length;
            int lastNewLine = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
            if (!atEnd && lastNewLine < 0)
            {
                Array.Resize(ref buffers[turn], buffer.Length * 2); // one line longer than the buffer
                continue;
            }
            int end = atEnd ? filled : lastNewLine + 1;
            List<ReadOnlyMemory<byte>> lines = batches[turn];
            lines.Clear();
            int start = 0;
            while (start < end)
            {
                int nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                int lineEnd = nl < 0 ? end : start + nl;
                lines.Add(buffer.AsMemory(start, lineEnd - start));
                start = lineEnd + 1;
            }
            if (lines.Count > 0)
                yield return lines;
            if (atEnd)
                yield break;
            // The unfinished last line moves to the other buffer; the caller may still be reading this one.
            turn ^= 1;
            if (buffers[turn].Length < buffer.Length)
                buffers[turn] = GC.AllocateUninitializedArray<byte>(buffer.Length);
            buffer.AsSpan(end, filled - end).CopyTo(buffers[turn]);
            filled -= end;
        }
    }
}
