using Tessera.Internal;
using Tessera.Models.Bpe;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads a BPE tokenizer.json's merges array on the load's helper thread (<see cref="LoadHelper"/>) from the start of
/// a load, while the file before it is read, so that the two scans, the largest parts of a load, overlap on two cores.
/// The array is found without reading what comes before it: searching back from the end of the file for
/// <c>"merges"</c>, a colon and <c>[</c> (Hugging Face writes the merges last). That guess is only used if the scan of the file, reading on, reaches the merges array
/// at the very same byte (<see cref="TryTake"/>): the read-ahead ran the same scanner from the same place, so its
/// result is the one the scan would have had. Any other file is read as if there were no read-ahead.
/// </summary>
/// <remarks>
/// A load that turns out not to need the merges (a model mapped from its image, a model of another type) calls the
/// read-ahead off (<see cref="CallOff"/>): it stops within a slice of its work.
/// </remarks>
internal sealed unsafe class MergesAhead
{
    /// <summary>The bytes searched for the merges between checks for a call-off.</summary>
    private const int SearchSlice = 1 << 20;

    private const int NotStarted = 0, Reading = 1, Over = 2;

    private readonly byte* _json;
    private readonly int _length;
    private readonly TaskCompletionSource<Scanned?> _result = new();
    private int _state; // NotStarted until the thread reads the file, Reading while it does, Over once it no longer will
    private volatile bool _calledOff;

    private sealed record Scanned(int Start, NativeList<MergeText> Merges, NativeList<byte> Unescaped, int End);

    /// <summary>
    /// Starts reading ahead the merges of the file at <paramref name="json"/> on <paramref name="helper"/>; the memory
    /// must stay where it is until <see cref="Wait"/> returns.
    /// </summary>
    public MergesAhead(byte* json, int length, LoadHelper helper)
    {
        _json = json;
        _length = length;
        helper.Post(Run);
    }

    /// <summary>The merges read ahead, when the scan of the file has reached its merges array at <paramref name="position"/> (its "[").</summary>
    public bool TryTake(int position, out NativeList<MergeText> merges, out NativeList<byte> unescaped, out int end)
    {
        (merges, unescaped, end) = (null!, null!, 0);
        if (_calledOff || _result.Task.GetAwaiter().GetResult() is not { } scanned || scanned.Start != position)
            return false;
        (merges, unescaped, end) = (scanned.Merges, scanned.Unescaped, scanned.End);
        return true;
    }

    /// <summary>Whether the read-ahead has its result (<see cref="TryTake"/> would not wait).</summary>
    public bool IsDone => _result.Task.IsCompleted;

    /// <summary>Stops the read-ahead: its result will not be used.</summary>
    public void CallOff() => _calledOff = true;

    /// <summary>Calls the read-ahead off if it was not taken, and waits until it no longer reads the file (its memory may then go).</summary>
    public void Wait()
    {
        _calledOff = true;
        // Spun for, not waited on through the task's wait handle: that handle's first use in a process sets up a
        // kernel event, 1.2-1.5 ms of a first load, where the read-ahead is over already (its merges were taken) or,
        // called off, stops within a slice of its work.
        if (Interlocked.CompareExchange(ref _state, Over, NotStarted) != NotStarted)
            SpinWait.SpinUntil(() => Volatile.Read(ref _state) == Over);
    }

    private void Run()
    {
        if (Interlocked.CompareExchange(ref _state, Reading, NotStarted) != NotStarted)
            return; // called off before it read anything
        try
        {
            _result.SetResult(Scan());
        }
        catch (Exception e)
        {
            _result.SetException(e);
        }
        finally
        {
            Volatile.Write(ref _state, Over);
        }
    }

    private Scanned? Scan()
    {
        var bytes = new ReadOnlySpan<byte>(_json, _length);
        int start = FindMerges(bytes);
        if (start < 0 || _calledOff)
            return null;
        var scan = new JsonScanner(bytes, start);
        return BpeJsonScanner.TryReadMerges(ref scan, bytes, out NativeList<MergeText> merges, out NativeList<byte> unescaped, () => _calledOff)
            ? new Scanned(start, merges, unescaped, scan.Position)
            : null;
    }

    /// <summary>Where the last <c>"merges"</c> name followed by an array starts (its "["), or -1 (also when called off).</summary>
    /// <remarks>
    /// Searched for as <c>merges":</c> first, as Hugging Face writes it: a search matches candidates by the needle's first
    /// and last bytes, and <c>"merges"</c>, a quote at both ends, matches at nearly every string of the merges array
    /// it crosses; <c>m</c> and <c>:</c> seldom stand so. Searched back in slices, checking for a call-off in between.
    /// </remarks>
    private int FindMerges(ReadOnlySpan<byte> json)
    {
        int found = FindMerges(json, "merges\":"u8, 1);
        return found >= 0 || _calledOff ? found : FindMerges(json, "\"merges\""u8, 0);
    }

    /// <summary>
    /// Where the last <paramref name="needle"/>, the name <c>"merges"</c> less its first <paramref name="leftOut"/>
    /// bytes (a quote), followed by an array starts (its "["), or -1.
    /// </summary>
    private int FindMerges(ReadOnlySpan<byte> json, ReadOnlySpan<byte> needle, int leftOut)
    {
        const int NameLength = 8; // "merges" with its quotes
        int tries = 0;
        for (int end = json.Length; end > 0 && tries < 4 && !_calledOff;)
        {
            int from = Math.Max(0, end - SearchSlice);
            int at = json[from..end].LastIndexOf(needle);
            if (at < 0)
            {
                end = from == 0 ? 0 : from + needle.Length - 1; // the next slice overlaps this one by a needle less a byte
                continue;
            }
            tries++;
            int name = from + at - leftOut;
            end = from + at + needle.Length - 1;
            if (name < 0 || json[name] != '"')
                continue;
            var scan = new JsonScanner(json, name + NameLength);
            if (scan.TryRead((byte)':') && scan.Peek() == '[')
                return scan.Position;
        }
        return -1;
    }
}
