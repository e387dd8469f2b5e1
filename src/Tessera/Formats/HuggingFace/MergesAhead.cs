using Tessera.Internal;
using Tessera.Models.Bpe;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads a BPE tokenizer.json's merges array on another thread while the vocabulary before it is read, so that the two
/// scans, the largest parts of a load, overlap on two cores. The array is found without reading what comes before it:
/// searching back from the end of the file for <c>"merges"</c>, a colon and <c>[</c> (Hugging Face writes the merges
/// last). That guess is only used if the scan of the file, reading on, reaches the merges array at the very same byte
/// (<see cref="TryTake"/>): the read-ahead ran the same scanner from the same place, so its result is the one the scan
/// would have had. Any other file is read as if there were no read-ahead.
/// </summary>
internal sealed unsafe class MergesAhead
{
    /// <summary>Files smaller than this are read in one go: the merges of a small file scan in less than a thread's start-up.</summary>
    private const int From = 1 << 20;

    private readonly int _start;
    private readonly Task<Scanned?> _scan;

    private sealed record Scanned(NativeList<MergeText> Merges, NativeList<byte> Unescaped, int End);

    private MergesAhead(byte* json, int length, int start)
    {
        _start = start;
        _scan = Task.Run(() => Scan(json, length, start));
    }

    /// <summary>
    /// Starts reading the merges of the file at <paramref name="json"/> when it is large and its merges can be found;
    /// the memory must stay where it is until <see cref="Wait"/> returns.
    /// </summary>
    public static MergesAhead? TryStart(byte* json, int length)
    {
        if (length < From)
            return null;
        int start = FindMerges(new ReadOnlySpan<byte>(json, length));
        return start < 0 ? null : new MergesAhead(json, length, start);
    }

    /// <summary>The merges read ahead, when the scan of the file has reached its merges array at <paramref name="position"/> (its "[").</summary>
    public bool TryTake(int position, out NativeList<MergeText> merges, out NativeList<byte> unescaped, out int end)
    {
        (merges, unescaped, end) = (null!, null!, 0);
        if (position != _start || _scan.GetAwaiter().GetResult() is not { } scanned)
            return false;
        (merges, unescaped, end) = (scanned.Merges, scanned.Unescaped, scanned.End);
        return true;
    }

    /// <summary>Waits for the read-ahead to end (the file's memory may then go).</summary>
    public void Wait() => ((IAsyncResult)_scan).AsyncWaitHandle.WaitOne();

    private static Scanned? Scan(byte* json, int length, int start)
    {
        var bytes = new ReadOnlySpan<byte>(json, length);
        var scan = new JsonScanner(bytes, start);
        return BpeJsonScanner.TryReadMerges(ref scan, bytes, out NativeList<MergeText> merges, out NativeList<byte> unescaped)
            ? new Scanned(merges, unescaped, scan.Position)
            : null;
    }

    /// <summary>Where the last <c>"merges"</c> name followed by an array starts (its "["), or -1.</summary>
    private static int FindMerges(ReadOnlySpan<byte> json)
    {
        ReadOnlySpan<byte> name = "\"merges\""u8;
        for (int end = json.Length, tries = 0; tries < 4; tries++)
        {
            int at = json[..end].LastIndexOf(name);
            if (at < 0)
                return -1;
            var scan = new JsonScanner(json, at + name.Length);
            if (scan.TryRead((byte)':') && scan.Peek() == '[')
                return scan.Position;
            end = at;
        }
        return -1;
    }
}
