using System.Runtime.CompilerServices;
using System.Text;
using Tessera.Models;
using Tessera.Models.Bpe;
using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>
/// A SentencePiece-style BPE pipeline as one loop over code points: each text between added tokens becomes symbols
/// (space → "▁", optionally "▁" first; a character missing from the vocabulary → its byte tokens, or the unknown token,
/// fused as <see cref="BpeModel"/> does), merged by <see cref="MergeByRanks.EncodeSymbols"/>.
/// </summary>
internal sealed class LoweredSentencePieceBpe : ILoweredPipeline
{
    private const int Metaspace = MetaspaceVocabulary.Metaspace;
    private const byte StartsWord = MetaspaceVocabulary.StartsWord, EndsFree = MetaspaceVocabulary.EndsFree;
    private readonly BpeModel _model;
    private readonly AddedVocabulary _added;
    private readonly bool _prepend;
    private readonly MetaspaceVocabulary _characters;
    private readonly int[] _byteIds = new int[256];
    private readonly int[] _asciiIds = new int[128]; // the symbol of each ASCII character (a space: "▁"'s), -1 when none
    private readonly int _unkId;
    private readonly byte[] _boundary; // per id: StartsWord, EndsFree
    private readonly SymbolRunCache _cache = new();

    public LoweredSentencePieceBpe(BpeModel model, AddedVocabulary added, bool prepend)
    {
        _model = model;
        _added = added;
        _prepend = prepend;
        StringVocabulary strings = model.Strings;
        for (int b = 0; b < 256; b++)
            _byteIds[b] = model.Options.ByteFallback ? strings.IdOf(BpeModel.ByteToken((byte)b)) : -1;
        _unkId = model.Options.UnkToken is { } unk ? strings.IdOf(unk) : -1;
        _characters = strings.MetaspaceTables;
        _boundary = _characters.Boundary;
        for (int c = 0; c < 128; c++)
            _asciiIds[c] = _characters.IdOfChar(c == ' ' ? Metaspace : c);
    }

    /// <summary>The ids of <paramref name="text"/>; special added tokens match only when <paramref name="matchSpecial"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] EncodeToIds(string text, bool matchSpecial)
    {
        Scratch scratch = t_scratch ??= new Scratch();
        List<int> ids = scratch.Ids;
        ids.Clear();
        ReadOnlySpan<byte> utf8 = Utf8Buffer.Encode(text, ref scratch.Utf8);
        if (!_added.MayMatchRaw(utf8, matchSpecial))
        {
            EncodeSegment(utf8, scratch);
            return [.. ids];
        }
        foreach ((int id, int start, int end) in _added.FindRawMatches(utf8, matchSpecial))
        {
            if (id >= 0) ids.Add(id);
            else EncodeSegment(utf8.Slice(start, end - start), scratch);
        }
        return [.. ids];
    }

    /// <summary>
    /// One thread's buffers for <see cref="EncodeToIds"/>, reused from call to call: a line's bytes, symbols and ids
    /// allocated per call made allocation a fifth of the first pass over new text (its clearing and the thread-local
    /// allocation context).
    /// </summary>
    private sealed class Scratch
    {
        public byte[] Utf8 = new byte[256];
        public int[] Symbols = new int[256];
        public int[] RunEnds = new int[256], RunSlots = new int[256]; // per run of Symbols: where it ends, its cache slot
        public readonly List<int> Ids = new(256);
    }

    [ThreadStatic] private static Scratch? t_scratch;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeSegment(ReadOnlySpan<byte> segment, Scratch scratch)
    {
        if (segment.IsEmpty)
            return;
        List<int> ids = scratch.Ids;
        // A character adds at most one symbol per byte, or a pending unknown token and its own.
        int room = 2 * segment.Length + 2;
        if (scratch.Symbols.Length < room)
        {
            room = Math.Max(room, 2 * scratch.Symbols.Length);
            (scratch.Symbols, scratch.RunEnds, scratch.RunSlots) = (new int[room], new int[room], new int[room]);
        }
        Span<int> symbols = scratch.Symbols;
        int count = 0;
        bool pendingUnk = false; // unknown characters waiting to become one (fused) unknown token
        if (_prepend)
            AddSymbol(Metaspace, symbols, ref count, ref pendingUnk);
        int[] ascii = _asciiIds;
        for (int i = 0; i < segment.Length;)
        {
            // An ASCII character with a token of its own (nearly every one of most text) is that token, from a table.
            uint b = segment[i];
            if (b < 0x80 && !pendingUnk && ascii[b] is >= 0 and int id)
            {
                symbols[count++] = id;
                i++;
                continue;
            }
            int c = Utf8Chars.Decode(segment, i, out int length);
            i += length;
            AddSymbol(c == ' ' ? Metaspace : c, symbols, ref count, ref pendingUnk);
        }
        if (pendingUnk)
            symbols[count++] = _unkId;

        if (_model.Options.IgnoreMerges && WholeId(segment) is >= 0 and var whole)
        {
            ids.Add(whole);
            return;
        }
        if (count == 0)
            return;
        int runs = CutRuns(symbols[..count], scratch.RunEnds, scratch.RunSlots);
        // Run by run, two runs ahead: the cache slot of the run after next starts loading, and the entry in the next
        // run's slot (loaded a run ago), while this one is merged or copied.
        ReadOnlySpan<int> ends = scratch.RunEnds.AsSpan(0, runs), slots = scratch.RunSlots.AsSpan(0, runs);
        if (runs > 1)
            _cache.Prefetch(slots[1]);
        for (int r = 0, start = 0; r < runs; start = ends[r++])
        {
            if (r + 2 < runs)
                _cache.Prefetch(slots[r + 2]);
            if (r + 1 < runs)
                _cache.PrefetchEntry(slots[r + 1]);
            MergeRun(symbols[start..ends[r]], slots[r], ids);
        }
    }

    /// <summary>
    /// Cuts the symbols into runs that merge apart (at each boundary: <see cref="MetaspaceVocabulary.Boundary"/>):
    /// writes where each ends and its cache slot; returns how many.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CutRuns(ReadOnlySpan<int> symbols, int[] ends, int[] slots)
    {
        int runs = 0;
        uint hash = SymbolRunCache.Hash(SymbolRunCache.EmptyHash, symbols[0]);
        for (int k = 1; k < symbols.Length; k++)
        {
            int after = symbols[k];
            if (IsBoundary(symbols[k - 1], after))
            {
                ends[runs] = k;
                slots[runs++] = SymbolRunCache.SlotOfHash(hash);
                hash = SymbolRunCache.EmptyHash;
            }
            hash = SymbolRunCache.Hash(hash, after);
        }
        ends[runs] = symbols.Length;
        slots[runs++] = SymbolRunCache.SlotOfHash(hash);
        return runs;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsBoundary(int before, int after) =>
        (uint)before < (uint)_boundary.Length && (uint)after < (uint)_boundary.Length
        && (_boundary[after] & StartsWord) != 0 && (_boundary[before] & EndsFree) != 0;

    /// <summary>The ids of a run whose cache slot is <paramref name="slot"/>: cached, or merged and cached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MergeRun(ReadOnlySpan<int> run, int slot, List<int> ids)
    {
        if (run.Length == 1)
        {
            ids.Add(run[0]);
            return;
        }
        if (_cache.TryGet(run, slot, out ReadOnlySpan<int> cached))
        {
            IdList.Append(ids, cached);
            return;
        }
        MergeNewRun(run, slot, ids);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MergeNewRun(ReadOnlySpan<int> run, int slot, List<int> ids)
    {
        Span<int> output = run.Length <= 512 ? stackalloc int[run.Length] : new int[run.Length];
        Span<int> merged = output[..MergeByRanks.EncodeSymbols(_model.Merges, run, output)];
        _cache.Add(run, merged, slot);
        IdList.Append(ids, merged);
    }

    /// <summary>
    /// The symbols of one character, as <see cref="BpeModel"/> makes them: its token; else its byte tokens (a pending
    /// unknown token keeps waiting, as in Hugging Face); else the unknown token, fused with a pending one when
    /// <c>fuse_unk</c>; else nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSymbol(int c, Span<int> symbols, ref int count, ref bool pendingUnk)
    {
        int id = _characters.IdOfChar(c);
        if (id >= 0)
        {
            if (pendingUnk)
            {
                symbols[count++] = _unkId;
                pendingUnk = false;
            }
            symbols[count++] = id;
        }
        else if (!TryAddBytes(c, symbols, ref count) && _unkId >= 0)
        {
            if (pendingUnk && !_model.Options.FuseUnk)
                symbols[count++] = _unkId;
            pendingUnk = true;
        }
    }

    /// <summary>The whole normalized segment's id (for <c>ignore_merges</c>), or -1.</summary>
    private int WholeId(ReadOnlySpan<byte> segment)
    {
        string normalized = (_prepend ? "\u2581" : "") + Encoding.UTF8.GetString(segment).Replace(' ', '\u2581');
        return _model.Strings.IdOf(normalized);
    }

    private bool TryAddBytes(int c, Span<int> symbols, ref int count)
    {
        Span<byte> bytes = stackalloc byte[4];
        int length = Utf8Chars.Encode(c, bytes);
        for (int i = 0; i < length; i++)
            if (_byteIds[bytes[i]] < 0)
                return false;
        for (int i = 0; i < length; i++)
            symbols[count++] = _byteIds[bytes[i]];
        return true;
    }
}
