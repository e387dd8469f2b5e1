using Tessera.Internal;

namespace Tessera.Cli.Input;

/// <summary>
/// Splits a stream into lines, each a document: the <c>\n</c> is not part of it, a <c>\r</c> before it is. A last
/// line without <c>\n</c> is a document too. Lines come in batches of about <c>batchBytes</c>.
/// </summary>
/// <remarks>
/// Blocks are read one ahead, into buffers used in turn (see <see cref="CutBlocks"/>): with two, a caller may hold
/// one batch while the next is read, but must be done with a batch before asking for the one after next.
/// </remarks>
internal static class LineReader
{
    /// <summary>The lines of one block (the list is reused, see <see cref="Batches(IEnumerable{CutBlocks.Block}, int)"/>); <c>IsLast</c>: the stream ends with them.</summary>
    public readonly record struct Batch(List<ReadOnlyMemory<byte>> Lines, bool IsLast);

    /// <summary>Where a block of lines may end: after its last line feed.</summary>
    public static readonly CutFinder AfterLastLineFeed = text => text.LastIndexOf((byte)'\n') + 1;

    public static IEnumerable<Batch> Batches(Stream stream, int batchBytes = 1 << 20) =>
        Batches(CutBlocks.Read(stream, batchBytes, AfterLastLineFeed), turns: 2);

    /// <summary>The lines of each block; the lists are reused in <paramref name="turns"/>, as the blocks' buffers are.</summary>
    public static IEnumerable<Batch> Batches(IEnumerable<CutBlocks.Block> blocks, int turns)
    {
        var batches = new List<ReadOnlyMemory<byte>>[turns];
        for (int i = 0; i < turns; i++) batches[i] = [];
        int turn = 0;
        foreach (CutBlocks.Block block in blocks)
        {
            List<ReadOnlyMemory<byte>> lines = batches[turn];
            turn = (turn + 1) % turns;
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
                yield return new Batch(lines, block.IsLast);
        }
    }
}
