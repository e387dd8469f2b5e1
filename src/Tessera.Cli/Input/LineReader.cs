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
    /// <summary>Where a block of lines may end: after its last line feed.</summary>
    public static readonly CutFinder AfterLastLineFeed = text => text.LastIndexOf((byte)'\n') + 1;

    public static IEnumerable<LineBatch> Batches(Stream stream, int batchBytes = 1 << 20) =>
        Batches(CutBlocks.Read(stream, batchBytes, AfterLastLineFeed), turns: 2);

    /// <summary>The lines of each block; the batches are reused in <paramref name="turns"/>, as the blocks' buffers are.</summary>
    public static IEnumerable<LineBatch> Batches(IEnumerable<CutBlocks.Block> blocks, int turns)
    {
        var batches = new LineBatch[turns];
        for (int i = 0; i < turns; i++) batches[i] = new LineBatch();
        int turn = 0;
        foreach (CutBlocks.Block block in blocks)
        {
            LineBatch lines = batches[turn];
            turn = (turn + 1) % turns;
            lines.Fill(block.Text[..block.Limit], block.IsLast);
            if (lines.Count > 0)
                yield return lines;
        }
    }
}
