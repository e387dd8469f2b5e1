namespace Tessera.Training;

/// <summary>How many lines were left out of training (shared by the threads of one run): lines of invalid UTF-8 when asked to skip them, or lines a counter leaves out.</summary>
public sealed class SkippedLines
{
    private long _count;

    /// <summary>The lines left out so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    internal void Add() => Interlocked.Increment(ref _count);
}
