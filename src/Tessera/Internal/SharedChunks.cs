namespace Tessera.Internal;

/// <summary>
/// The items <c>[0, count)</c> handed out in chunks of <c>size</c>, in order, to whichever thread asks next: threads
/// that share work this way finish within a chunk of each other however their speeds differ.
/// </summary>
/// <param name="count">How many items.</param>
/// <param name="size">Items per chunk (the last may be shorter).</param>
internal sealed class SharedChunks(int count, int size)
{
    private int _next;

    /// <summary>The next chunk, <c>[from, to)</c>; false once every chunk was taken.</summary>
    public bool TryTake(out int from, out int to)
    {
        long start = (long)(Interlocked.Increment(ref _next) - 1) * size;
        from = (int)Math.Min(start, count);
        to = (int)Math.Min(start + size, count);
        return from < to;
    }
}
