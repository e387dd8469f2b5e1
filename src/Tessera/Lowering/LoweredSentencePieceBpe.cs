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
internal sealed class LoweredSentencePieceBpe
{
    private const int Metaspace = 0x2581;
    private readonly BpeModel _model;
    private readonly AddedVocabulary _added;
    private readonly bool _prepend;
    private readonly Dictionary<int, int> _charIds = [];
    private readonly int[] _byteIds = new int[256];
    private readonly int _unkId;

    public LoweredSentencePieceBpe(BpeModel model, AddedVocabulary added, bool prepend)
    {
        _model = model;
        _added = added;
        _prepend = prepend;
        StringVocabulary strings = model.Strings;
        for (int id = 0; id < strings.IdLimit; id++)
        {
            ReadOnlySpan<byte> utf8 = strings.Utf8Of(id);
            if (!utf8.IsEmpty && Utf8Chars.LengthAt(utf8, 0) == utf8.Length)
                _charIds.TryAdd(Utf8Chars.Decode(utf8, 0, out _), id);
        }
        for (int b = 0; b < 256; b++)
            _byteIds[b] = model.Options.ByteFallback ? strings.IdOf(BpeModel.ByteToken((byte)b)) : -1;
        _unkId = model.Options.UnkToken is { } unk ? strings.IdOf(unk) : -1;
    }

    /// <summary>The ids of <paramref name="text"/>; special added tokens match only when <paramref name="matchSpecial"/>.</summary>
    public int[] EncodeToIds(string text, bool matchSpecial)
    {
        var ids = new List<int>(text.Length / 2);
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        if (_added.Tokens.Count == 0)
        {
            EncodeSegment(utf8, ids);
            return [.. ids];
        }
        foreach ((int id, int start, int end) in _added.FindRawMatches(utf8, matchSpecial))
        {
            if (id >= 0) ids.Add(id);
            else EncodeSegment(utf8.AsSpan(start, end - start), ids);
        }
        return [.. ids];
    }

    private void EncodeSegment(ReadOnlySpan<byte> segment, List<int> ids)
    {
        if (segment.IsEmpty)
            return;
        var symbols = new List<int>(segment.Length + 1);
        bool pendingUnk = false; // unknown characters waiting to become one (fused) unknown token
        if (_prepend)
            AddSymbol(Metaspace, symbols, ref pendingUnk);
        for (int i = 0; i < segment.Length;)
        {
            int c = Utf8Chars.Decode(segment, i, out int length);
            i += length;
            AddSymbol(c == ' ' ? Metaspace : c, symbols, ref pendingUnk);
        }
        if (pendingUnk)
            symbols.Add(_unkId);

        if (_model.Options.IgnoreMerges && WholeId(segment) is >= 0 and var whole)
        {
            ids.Add(whole);
            return;
        }
        Span<int> output = symbols.Count <= 512 ? stackalloc int[symbols.Count] : new int[symbols.Count];
        int count = MergeByRanks.EncodeSymbols(_model.Merges, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(symbols), output);
        foreach (int token in output[..count])
            ids.Add(token);
    }

    /// <summary>
    /// The symbols of one character, as <see cref="BpeModel"/> makes them: its token; else its byte tokens (a pending
    /// unknown token keeps waiting, as in Hugging Face); else the unknown token, fused with a pending one when
    /// <c>fuse_unk</c>; else nothing.
    /// </summary>
    private void AddSymbol(int c, List<int> symbols, ref bool pendingUnk)
    {
        if (_charIds.TryGetValue(c, out int id))
        {
            if (pendingUnk)
            {
                symbols.Add(_unkId);
                pendingUnk = false;
            }
            symbols.Add(id);
        }
        else if (!TryAddBytes(c, symbols) && _unkId >= 0)
        {
            if (pendingUnk && !_model.Options.FuseUnk)
                symbols.Add(_unkId);
            pendingUnk = true;
        }
    }

    /// <summary>The whole normalized segment's id (for <c>ignore_merges</c>), or -1.</summary>
    private int WholeId(ReadOnlySpan<byte> segment)
    {
        string normalized = (_prepend ? "\u2581" : "") + Encoding.UTF8.GetString(segment).Replace(' ', '\u2581');
        return _model.Strings.IdOf(normalized);
    }

    private bool TryAddBytes(int c, List<int> symbols)
    {
        Span<byte> bytes = stackalloc byte[4];
        int length = Utf8Chars.Encode(c, bytes);
        for (int i = 0; i < length; i++)
            if (_byteIds[bytes[i]] < 0)
                return false;
        for (int i = 0; i < length; i++)
            symbols.Add(_byteIds[bytes[i]]);
        return true;
    }
}
