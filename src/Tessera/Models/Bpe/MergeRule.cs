namespace Tessera.Models.Bpe;

/// <summary>
/// How a lowered Hugging Face BPE model merges pieces of bytes in the flat encoder (in place of tiktoken's rule,
/// which merges by the rank of the joined bytes): by the merges list's pair ranks (<see cref="MergeByRanks"/>).
/// </summary>
/// <remarks>
/// The flat encoder looks a piece up whole before merging it. That is Hugging Face's rule only with
/// <c>ignore_merges</c>; otherwise a piece is merged even when it is a token, and merging its bytes can in principle
/// end elsewhere. So a whole-piece hit counts only for a token that merging its own bytes gives back; each token is
/// checked the first time it is hit, and the answer kept (a benign race: every thread computes the same answer).
/// </remarks>
internal sealed class MergeRule
{
    private const byte Unknown = 0, Yes = 1, No = 2;
    private readonly int[] _byteIds;
    private readonly byte[] _mergesToItself;

    public MergeRule(MergeRanks merges, int[] byteIds, bool ignoreMerges, int tokenCount)
    {
        Merges = merges;
        _byteIds = byteIds;
        IgnoreMerges = ignoreMerges;
        _mergesToItself = ignoreMerges ? [] : new byte[tokenCount];
    }

    public MergeRanks Merges { get; }

    public bool IgnoreMerges { get; }

    /// <summary>Whether <paramref name="piece"/>, found whole as token <paramref name="id"/>, is that one token.</summary>
    public bool KeepsWhole(int id, ReadOnlySpan<byte> piece)
    {
        if (IgnoreMerges || piece.Length == 1)
            return true;
        byte known = _mergesToItself[id];
        if (known == Unknown)
        {
            Span<int> output = piece.Length <= 256 ? stackalloc int[piece.Length] : new int[piece.Length];
            int count = Encode(piece, output);
            known = count == 1 && output[0] == id ? Yes : No;
            _mergesToItself[id] = known;
        }
        return known == Yes;
    }

    /// <summary>Writes the token ids of <paramref name="piece"/> (one slot per byte); returns how many.</summary>
    public int Encode(ReadOnlySpan<byte> piece, Span<int> output) => MergeByRanks.Encode(Merges, _byteIds, piece, output);
}
