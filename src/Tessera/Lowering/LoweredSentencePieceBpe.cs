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
        if (scratch.Symbols.Length < 2 * segment.Length + 2)
            scratch.Symbols = new int[Math.Max(2 * segment.Length + 2, 2 * scratch.Symbols.Length)];
        Span<int> symbols = scratch.Symbols;
        int count = 0;
        bool pendingUnk = false; // unknown characters waiting to become one (fused) unknown token
        if (_prepend)
            AddSymbol(Metaspace, symbols, ref count, ref pendingUnk);
        for (int i = 0; i < segment.Length;)
        {
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
        // Run by run, one run ahead: the next run's cache slot is loaded while this one is merged or copied.
        ReadOnlySpan<int> all = symbols[..count];
        int start = 0, end = EndOfRun(all, 0);
        while (start < all.Length)
        {
            int next = end < all.Length ? EndOfRun(all, end) : end;
            if (next - end > 1)
                _cache.Prefetch(all[end..next]);
            MergeRun(all[start..end], ids);
            (start, end) = (end, next);
        }
    }

    /// <summary>Where the run of symbols starting at <paramref name="start"/> ends: at the next boundary, or the end.</summary>
    private int EndOfRun(ReadOnlySpan<int> symbols, int start)
    {
        int k = start + 1;
        while (k < symbols.Length && !IsBoundary(symbols[k - 1], symbols[k]))
            k++;
        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsBoundary(int before, int after) =>
        (uint)before < (uint)_boundary.Length && (uint)after < (uint)_boundary.Length
        && (_boundary[after] & StartsWord) != 0 && (_boundary[before] & EndsFree) != 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MergeRun(ReadOnlySpan<int> run, List<int> ids)
    {
        if (run.Length == 1)
        {
            ids.Add(run[0]);
            return;
        }
        if (_cache.TryGet(run, out ReadOnlySpan<int> cached))
        {
            ids.AddRange(cached);
            return;
        }
        Span<int> output = run.Length <= 512 ? stackalloc int[run.Length] : new int[run.Length];
        Span<int> merged = output[..MergeByRanks.EncodeSymbols(_model.Merges, run, output)];
        _cache.Add(run, merged);
        ids.AddRange(merged);
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
