namespace Tessera.PreTokenizers.Regex;

/// <summary>What a backtracking frame remembers.</summary>
internal enum FrameKind : byte
{
    /// <summary>An untried alternative: resume at <see cref="Frame.Pc"/>, <see cref="Frame.Pos"/>.</summary>
    Branch,
    /// <summary>A greedy run ending at <see cref="Frame.Pos"/> that may give back code points down to <see cref="Frame.Extra"/>.</summary>
    RunGreedy,
    /// <summary>A lazy run (instruction <see cref="Frame.Pc"/>) of <see cref="Frame.Extra"/> code points that may take one more.</summary>
    RunLazy,
    /// <summary>The start of an atomic group (instruction <see cref="Frame.Extra"/>).</summary>
    AtomicMarker,
    /// <summary>The start of a positive lookaround (instruction <see cref="Frame.Extra"/>) at <see cref="Frame.Pos"/>.</summary>
    LookMarker,
    /// <summary>The start of a negative lookaround (instruction <see cref="Frame.Extra"/>): if popped, the lookaround succeeded.</summary>
    NegLookMarker,
    /// <summary>The previous value <see cref="Frame.Pos"/> of loop mark <see cref="Frame.Pc"/>.</summary>
    RestoreMark,
}

/// <summary>One entry of the explicit backtracking stack.</summary>
internal struct Frame
{
    public FrameKind Kind;
    public int Pc;
    public int Pos;
    public int Extra;
}

/// <summary>
/// The per-match state of the <see cref="Backtracker"/>: the backtracking stack (on the heap, so long inputs cannot
/// overflow the call stack) and the loop marks. One is cached per thread, so concurrent matches never share one.
/// </summary>
internal sealed class MatchScratch
{
    private const int InitialFrames = 64;
    private const int MaxCachedFrames = 1 << 16;

    [ThreadStatic]
    private static MatchScratch? t_cached;

    public Frame[] Frames = new Frame[InitialFrames];
    public int Count;
    public int[] Marks = [];

    /// <summary>Takes this thread's scratch (or a new one) with room for <paramref name="markCount"/> marks.</summary>
    public static MatchScratch Rent(int markCount)
    {
        MatchScratch scratch = t_cached ?? new MatchScratch();
        t_cached = null;
        if (scratch.Marks.Length < markCount)
            scratch.Marks = new int[markCount];
        scratch.Count = 0;
        return scratch;
    }

    /// <summary>Gives the scratch back to this thread's cache, dropping a stack that grew very large.</summary>
    public static void Return(MatchScratch scratch)
    {
        if (scratch.Frames.Length > MaxCachedFrames)
            scratch.Frames = new Frame[InitialFrames];
        t_cached = scratch;
    }

    public void Push(FrameKind kind, int pc, int pos, int extra)
    {
        if (Count == Frames.Length)
            Array.Resize(ref Frames, Frames.Length * 2);
        ref Frame frame = ref Frames[Count++];
        frame.Kind = kind;
        frame.Pc = pc;
        frame.Pos = pos;
        frame.Extra = extra;
    }

    /// <summary>The index of the topmost marker of <paramref name="kind"/> pushed by instruction <paramref name="begin"/>.</summary>
    public int FindMarker(FrameKind kind, int begin)
    {
        int i = Count - 1;
        while (Frames[i].Kind != kind || Frames[i].Extra != begin)
            i--;
        return i;
    }
}
