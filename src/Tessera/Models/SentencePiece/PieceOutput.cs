using System.Runtime.CompilerServices;
using Tessera.Formats.SentencePiece;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// Collects the ids of the pieces a model produced, as <c>SentencePieceProcessor::PopulateSentencePieceText</c> turns
/// pieces into ids: a run of unknown pieces gives one unknown id, or, with <c>byte_fallback</c>, every byte of an
/// unknown piece gives its <c>&lt;0xXX&gt;</c> id. Reused across calls: nothing is allocated per piece.
/// </summary>
internal struct PieceOutput
{
    private readonly PieceType[] _types;
    private readonly int[]? _byteIds;
    private int[] _ids;
    private int _count;
    private bool _previousUnknown;

    /// <summary>An output over <paramref name="buffer"/>; <paramref name="byteIds"/> (the ids of the 256 byte pieces) when
    /// unknown pieces fall back to bytes, else null.</summary>
    public PieceOutput(PieceType[] types, int[]? byteIds, int[] buffer)
    {
        _types = types;
        _byteIds = byteIds;
        _ids = buffer;
        _count = 0;
        _previousUnknown = false;
    }

    /// <summary>The ids so far.</summary>
    public readonly ReadOnlySpan<int> Ids => _ids.AsSpan(0, _count);

    /// <summary>The buffer (it may have grown; hand it back to the scratch to keep it).</summary>
    public readonly int[] Buffer => _ids;

    public readonly int Count => _count;

    /// <summary>Starts a new text (the unknown run does not continue across texts).</summary>
    public void Reset()
    {
        _count = 0;
        _previousUnknown = false;
    }

    /// <summary>Adds the piece <paramref name="id"/> covering the normalized bytes <paramref name="surface"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int id, ReadOnlySpan<byte> surface)
    {
        if (_types[id] != PieceType.Unknown)
        {
            Push(id);
            _previousUnknown = false;
            return;
        }
        AddUnknown(id, surface);
    }

    /// <summary>Adds a piece that is known not to be the unknown piece.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddKnown(int id)
    {
        Push(id);
        _previousUnknown = false;
    }

    /// <summary>
    /// The <paramref name="room"/> entries after the ids so far (grown when needed), for a caller to write known ids
    /// into and then keep the first of them with <see cref="Advance"/>; what it writes past those is ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<int> Room(int room)
    {
        if (_count + room > _ids.Length)
            Array.Resize(ref _ids, Math.Max(_count + room, _ids.Length * 2));
        return _ids.AsSpan(_count, room);
    }

    /// <summary>Keeps the first <paramref name="count"/> ids written to <see cref="Room"/>: pieces known not to be the unknown piece.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count)
    {
        _count += count;
        _previousUnknown = false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddUnknown(int id, ReadOnlySpan<byte> surface)
    {
        if (_byteIds is { } byteIds)
        {
            foreach (byte b in surface)
                Push(byteIds[b]);
        }
        else if (!_previousUnknown)
        {
            Push(id);
        }
        _previousUnknown = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(int id)
    {
        if (_count == _ids.Length)
            Array.Resize(ref _ids, _ids.Length * 2);
        _ids[_count++] = id;
    }
}
