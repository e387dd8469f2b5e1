namespace Tessera.Cli.Input;

/// <summary>
/// Splits a stream into lines, each a document: the <c>\n</c> is not part of it, a <c>\r</c> before it is. A last
/// line without <c>\n</c> is a document too. Lines come in batches of about <paramref name="batchBytes"/>.
/// </summary>
/// <remarks>
/// A batch points into one buffer that the next batch reuses (fresh memory is costly), so a caller must be done
/// with a batch before asking for the next.
/// </remarks>
internal static class LineReader
{
    public static IEnumerable<List<ReadOnlyMemory<byte>>> Batches(Stream stream, int batchBytes = 1 << 22)
    {
        var buffer = new byte[batchBytes];
        var lines = new List<ReadOnlyMemory<byte>>();
        int filled = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            filled += read;
            bool atEnd = filled < buffer.Length;
            int lastNewLine = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
            if (!atEnd && lastNewLine < 0)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the buffer
                continue;
            }
            int end = atEnd ? filled : lastNewLine + 1;
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
            buffer.AsSpan(end, filled - end).CopyTo(buffer);
            filled -= end;
        }
    }
}
