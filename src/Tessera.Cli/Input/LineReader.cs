using Tessera.Internal;

namespace Tessera.Cli.Input;

/// <summary>
/// Splits a stream into lines, each a document: the <c>\n</c> is not part of it, a <c>\r</c> before it is. A last
/// line without <c>\n</c> is a document too. Lines come in batches of about <paramref name="batchBytes"/>.
/// </summary>
/// <remarks>
/// Blocks are read one ahead, into two buffers used in turn (see <see cref="CutBlocks"/>), so a caller may hold one
/// batch while the next is read, but must be done with a batch before asking for the one after next.
/// </remarks>
internal static class LineReader
{
    public static IEnumerable<List<ReadOnlyMemory<byte>>> Batches(Stream stream, int batchBytes = 1 << 20)
    {
        List<ReadOnlyMemory<byte>>[] batches = [[], []]; // in turn, as the blocks' buffers are
        int turn = 0;
        foreach (CutBlocks.Block block in CutBlocks.Read(stream, batchBytes, text => text.LastIndexOf((byte)'\n') + 1))
        {
            List<ReadOnlyMemory<byte>> lines = batches[turn];
            turn ^= 1;
            lines.Clear();
            ReadOnlyMemory<byte> text = block.Text[..block.Limit];
            int start = 0;
            while (start < text.Length)
            {
                int nl = text.Span[start..].IndexOf((byte)'\n');
                int lineEnd = nl < 0 ? text.Length : start + nl;
                lines.Add(text[start..lineEnd]);
                start = lineEnd + 1;
            }
            if (lines.Count > 0)
                yield return lines;
        }
    }
}
